import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { parseCsv, toCsv, type CsvValue } from './csv.js';

const BOM = '\uFEFF';
const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];
const startsDangerously = (text: string) => DANGEROUS.includes(text.charAt(0));

// Strings rich in the characters CSV must escape, mixed with arbitrary Unicode.
const tricky = fc.string({
  unit: fc.constantFrom(
    ',',
    '"',
    '\r',
    '\n',
    '\r\n',
    ' ',
    "'",
    '=',
    'a',
    '中',
    '文',
    '😀',
    '\uFEFF',
  ),
  maxLength: 8,
});
const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string());
const safeText = anyText.filter((text) => !startsDangerously(text));

const matrixOf = (cell: fc.Arbitrary<string>) =>
  fc
    .integer({ min: 1, max: 5 })
    .chain((width) =>
      fc.tuple(
        fc.array(cell, { minLength: width, maxLength: width }),
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
      ),
    );

// The single cell of a one-row, one-column export, as text after the BOM and before CRLF.
const cell = (value: CsvValue): string => {
  const csv = toCsv(['h'], [[value]]);
  expect(csv.startsWith(`${BOM}h\r\n`)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(`${BOM}h\r\n`.length, -2);
};

describe('toCsv', () => {
  it('writes a BOM, the header, the rows and CRLF after every record', () => {
    expect(
      toCsv(
        ['项目', '进度'],
        [
          ['道路改造', 40],
          ['老旧小区', 100],
        ],
      ),
    ).toBe(`${BOM}项目,进度\r\n道路改造,40\r\n老旧小区,100\r\n`);
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe(`${BOM}a,b\r\n`);
  });

  it('puts the BOM at the start exactly once', () => {
    const csv = toCsv(['名称'], [['社区食堂'], ['养老服务']]);
    expect(csv.charAt(0)).toBe(BOM);
    expect(csv.split(BOM)).toHaveLength(2);
    expect(csv.indexOf(BOM, 1)).toBe(-1);
  });

  it('never ends a line with a bare LF or CR outside quotes', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x', 1],
        [null, 'y'],
      ],
    );
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    { value: 'a,b', written: '"a,b"' },
    { value: 'say "hi"', written: '"say ""hi"""' },
    { value: '"', written: '""""' },
    { value: 'line1\nline2', written: '"line1\nline2"' },
    { value: 'line1\r\nline2', written: '"line1\r\nline2"' },
    { value: 'a\rb', written: '"a\rb"' },
    { value: '  padded  ', written: '  padded  ' },
    { value: "it's", written: "it's" },
    { value: '民生实事，项目', written: '民生实事，项目' },
    { value: 'a;b\tc', written: 'a;b\tc' },
    { value: '', written: '' },
  ])('writes $value as $written', ({ value, written }) => {
    expect(cell(value)).toBe(written);
  });

  it('writes null and undefined as empty fields', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe(`${BOM}a,b,c\r\n,,\r\n`);
  });

  it('writes booleans as true and false', () => {
    expect(cell(true)).toBe('true');
    expect(cell(false)).toBe('false');
  });

  it('writes Dates as ISO strings in UTC', () => {
    expect(cell(new Date(Date.UTC(2026, 2, 10, 8, 30, 5, 7)))).toBe('2026-03-10T08:30:05.007Z');
    expect(cell(new Date('2026-03-10T08:00:00+08:00'))).toBe('2026-03-10T00:00:00.000Z');
  });

  it('rejects an invalid Date', () => {
    expect(() => toCsv(['d'], [[new Date('nonsense')]])).toThrow(RangeError);
  });

  it.each([
    { value: 0, written: '0' },
    { value: -0, written: '0' },
    { value: 42, written: '42' },
    { value: -5, written: '-5' },
    { value: 3.14, written: '3.14' },
    { value: -0.5, written: '-0.5' },
    { value: 9_500_000, written: '9500000' },
    { value: Number.MAX_SAFE_INTEGER, written: '9007199254740991' },
    { value: 0.000001, written: '0.000001' },
    { value: 1.5e-7, written: '0.00000015' },
    { value: -1e-7, written: '-0.0000001' },
    { value: 1.2345e-10, written: '0.00000000012345' },
    { value: 1e21, written: '1000000000000000000000' },
    { value: -1.5e22, written: '-15000000000000000000000' },
    { value: 123456789012345680000, written: '123456789012345680000' },
  ])('writes the number $value as $written', ({ value, written }) => {
    expect(cell(value)).toBe(written);
  });

  it.each([Number.NaN, Infinity, -Infinity])('rejects the number %d', (value) => {
    expect(() => toCsv(['n'], [[value]])).toThrow(RangeError);
  });

  it('writes every finite number in plain decimals that read back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const written = cell(value);
        expect(written).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(written)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  describe('formula injection', () => {
    it.each([
      { value: '=SUM(A1:A9)', written: "'=SUM(A1:A9)" },
      { value: '=HYPERLINK("http://x","点我")', written: `"'=HYPERLINK(""http://x"",""点我"")"` },
      { value: '+86 138', written: "'+86 138" },
      { value: '-5', written: "'-5" },
      { value: '-', written: "'-" },
      { value: '@SUM(1)', written: "'@SUM(1)" },
      { value: '\t=1', written: "'\t=1" },
      { value: '\r=1', written: `"'\r=1"` },
      { value: '=1,2', written: `"'=1,2"` },
    ])('guards $value as $written', ({ value, written }) => {
      expect(cell(value)).toBe(written);
    });

    it('leaves text alone when the trigger is not the first character', () => {
      expect(cell('a=1')).toBe('a=1');
      expect(cell(' =1')).toBe(' =1');
      expect(cell('5-3')).toBe('5-3');
      expect(cell("'=1")).toBe("'=1");
      expect(cell('\n=1')).toBe('"\n=1"');
    });

    it('does not touch numbers, so negatives stay numeric', () => {
      expect(cell(-5)).toBe('-5');
      expect(cell(-0.25)).toBe('-0.25');
      expect(toCsv(['n', 't'], [[-5, '-5']])).toBe(`${BOM}n,t\r\n-5,'-5\r\n`);
    });

    it('guards the header and Dates written with a signed year too', () => {
      expect(toCsv(['=cmd', 'ok'], [])).toBe(`${BOM}'=cmd,ok\r\n`);
      expect(cell(new Date('-000001-01-01T00:00:00.000Z'))).toBe("'-000001-01-01T00:00:00.000Z");
      expect(cell(new Date('+275760-09-13T00:00:00.000Z'))).toBe("'+275760-09-13T00:00:00.000Z");
    });

    it('guards exactly the text that starts with a trigger, whatever follows', () => {
      fc.assert(
        fc.property(anyText, fc.constantFrom(...DANGEROUS, 'a', '中'), (rest, first) => {
          const text = first + rest;
          const [, [read]] = parseCsv(toCsv(['h'], [[text]]));
          expect(read).toBe(startsDangerously(text) ? `'${text}` : text);
        }),
      );
    });
  });

  it('rejects an empty header', () => {
    expect(() => toCsv([], [])).toThrow(RangeError);
  });

  it('rejects rows shorter or longer than the header', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['1']])).toThrow(/Row 1 has 1 fields/);
    expect(() => toCsv(['a', 'b'], [['1', '2', '3']])).toThrow(RangeError);
    expect(() => toCsv(['a'], [[]])).toThrow(RangeError);
  });
});

describe('parseCsv', () => {
  it('strips one leading BOM and keeps any other', () => {
    expect(parseCsv(`${BOM}a,b\r\n`)).toEqual([['a', 'b']]);
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']]);
    expect(parseCsv(`${BOM}${BOM}a\r\n`)).toEqual([[`${BOM}a`]]);
  });

  it('reads nothing from empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv(BOM)).toEqual([]);
  });

  it('reads a last record without a line break', () => {
    expect(parseCsv('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads an empty line as one empty field, and a lone line break as one record', () => {
    expect(parseCsv('a\r\n\r\nb\r\n')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('\r\n')).toEqual([['']]);
  });

  it('accepts bare LF line ends', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads empty fields, quoted or not', () => {
    expect(parseCsv(',,\r\n"",x,""\r\n')).toEqual([
      ['', '', ''],
      ['', 'x', ''],
    ]);
  });

  it('reads quoted commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","1\r\n2","3\n4","\r"\r\n')).toEqual([
      ['a,b', 'say "hi"', '1\r\n2', '3\n4', '\r'],
    ]);
  });

  it.each([
    { text: '"abc', error: /Unterminated quoted field at offset 0/ },
    { text: 'a,"b""\r\n', error: /Unterminated quoted field at offset 2/ },
    { text: 'a"b\r\n', error: /Quote inside an unquoted field at offset 1/ },
    { text: '"a"b\r\n', error: /Unexpected "b" at offset 3/ },
    { text: '"a" ,b\r\n', error: /Unexpected " " at offset 3/ },
    { text: 'a\rb\r\n', error: /Unexpected "\\r" at offset 1/ },
    { text: 'a\r', error: /Unexpected "\\r" at offset 1/ },
  ])('rejects malformed $text', ({ text, error }) => {
    expect(() => parseCsv(text)).toThrow(SyntaxError);
    expect(() => parseCsv(text)).toThrow(error);
  });
});

describe('round trips', () => {
  it.each([
    {
      name: 'Chinese text',
      rows: [
        ['城区道路改造', '住建局'],
        ['社区养老服务中心', '民政局'],
      ],
    },
    {
      name: 'commas',
      rows: [
        ['a,b', ',', ',,'],
        ['x，y', 'tail,', ',head'],
      ],
    },
    {
      name: 'quotes',
      rows: [
        ['"', '""', 'say "你好"'],
        ["'", '"a"b"', 'x"'],
      ],
    },
    {
      name: 'line breaks',
      rows: [
        ['1\n2', '1\r\n2', '\n'],
        ['\n\r\n', 'a\rb', 'end\n'],
      ],
    },
    {
      name: 'empty fields',
      rows: [
        ['', '', ''],
        ['', 'x', ''],
      ],
    },
    { name: 'everything at once', rows: [['第一期,"重点"\r\n项目', '', '  预算：950万  ']] },
  ])('keeps $name', ({ rows }) => {
    const header = ['名称', '单位', '备注'].slice(0, rows[0].length);
    expect(parseCsv(toCsv(header, rows))).toEqual([header, ...rows]);
  });

  it('reads back null and undefined as empty text', () => {
    expect(parseCsv(toCsv(['a', 'b'], [[null, undefined]]))).toEqual([
      ['a', 'b'],
      ['', ''],
    ]);
  });

  it('keeps a single empty column apart from the end of the file', () => {
    expect(parseCsv(toCsv([''], [[''], ['']]))).toEqual([[''], [''], ['']]);
  });

  it('returns [header, ...rows] for any text matrix without formula triggers', () => {
    fc.assert(
      fc.property(matrixOf(safeText), ([header, rows]) => {
        expect(parseCsv(toCsv(header, rows))).toEqual([header, ...rows]);
      }),
      { numRuns: 500 },
    );
  });

  it('is read the same way by csv-parse, an independent parser', () => {
    fc.assert(
      fc.property(matrixOf(anyText), ([header, rows]) => {
        const csv = toCsv(header, rows);
        expect(parse(csv, { bom: true })).toEqual(parseCsv(csv));
      }),
      { numRuns: 300 },
    );
  });
});
