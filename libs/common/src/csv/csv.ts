export type CsvValue = string | number | boolean | null | undefined | Date;

// Without a byte order mark Excel opens UTF-8 as the system code page and garbles Chinese.
const BOM = '\uFEFF';
const CRLF = '\r\n';
// Cells starting with these are evaluated as formulas by spreadsheet apps (CSV injection).
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]/;
const EXPONENTIAL = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/** Plain decimal notation; String() switches to exponents below 1e-6 and from 1e21 up. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot write ${value} to CSV`);
  }
  const text = String(value);
  const match = EXPONENTIAL.exec(text);
  if (!match) {
    return text;
  }
  const [, sign, lead, fraction = '', exponent] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponent);
  // With String()'s thresholds the point lies either before all digits or after all of them.
  return point <= 0
    ? `${sign}0.${'0'.repeat(-point)}${digits}`
    : `${sign}${digits}${'0'.repeat(point - digits.length)}`;
}

function formatText(text: string): string {
  const guarded = FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function formatField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  // toISOString throws a RangeError for an invalid Date, which is what we want.
  return formatText(value instanceof Date ? value.toISOString() : value);
}

function formatRecord(fields: readonly CsvValue[]): string {
  return fields.map(formatField).join(',') + CRLF;
}

/**
 * RFC 4180 CSV for Excel: UTF-8 BOM, CRLF after every record, fields quoted only when they
 * contain a comma, quote, CR or LF. Text (and Date) fields that a spreadsheet would run as
 * a formula get a leading apostrophe; numbers are written as plain decimals and never guarded.
 * Throws a RangeError for an empty header, a row whose length differs from the header's,
 * a non-finite number or an invalid Date.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  if (header.length === 0) {
    throw new RangeError('A CSV needs at least one column');
  }
  let csv = BOM + formatRecord(header);
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new RangeError(
        `Row ${index} has ${row.length} fields but the header has ${header.length}`,
      );
    }
    csv += formatRecord(row);
  });
  return csv;
}

/**
 * Parses RFC 4180 CSV into rows of raw field texts. Strips a leading BOM; records end at
 * CRLF or a bare LF, and a final line break does not start another record. Throws a
 * SyntaxError on a quote inside an unquoted field, text after a closing quote, a bare CR
 * outside quotes, or an unterminated quoted field.
 */
export function parseCsv(text: string): string[][] {
  let i = text.startsWith(BOM) ? BOM.length : 0;
  const records: string[][] = [];
  if (i === text.length) {
    return records;
  }
  let record: string[] = [];
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      const opening = i;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          throw new SyntaxError(`Unterminated quoted field at offset ${opening}`);
        }
        field += text.slice(i, close);
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
    } else {
      const start = i;
      while (i < text.length && !',\r\n'.includes(text[i])) {
        if (text[i] === '"') {
          throw new SyntaxError(`Quote inside an unquoted field at offset ${i}`);
        }
        i++;
      }
      field = text.slice(start, i);
    }
    record.push(field);

    if (i === text.length) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    const lineBreak = text.startsWith(CRLF, i) ? 2 : text[i] === '\n' ? 1 : 0;
    if (lineBreak === 0) {
      throw new SyntaxError(`Unexpected ${JSON.stringify(text[i])} at offset ${i}`);
    }
    i += lineBreak;
    records.push(record);
    record = [];
    if (i === text.length) {
      return records;
    }
  }
}
