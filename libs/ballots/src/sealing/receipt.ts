import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a receipt survives being read aloud or copied by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 20; // 100 bits: guessing another deputy's receipt is hopeless

/** A random receipt code such as `7K2M-Q9XD-…`, 5 groups of 4. */
export function newReceipt(): string {
  const bytes = randomBytes(13); // 104 bits, the last 4 unused
  let symbols = '';
  for (let i = 0; i < SYMBOLS; i += 1) {
    const bit = i * 5;
    const pair = (bytes[bit >> 3] << 8) | bytes[(bit >> 3) + 1];
    symbols += (i > 0 && i % 4 === 0 ? '-' : '') + ALPHABET[(pair >> (11 - (bit & 7))) & 31];
  }
  return symbols;
}

/** Lowercase hex SHA-256 of the receipt exactly as shown; the bulletin lists these. */
export function receiptHash(receipt: string): string {
  return createHash('sha256').update(receipt, 'utf8').digest('hex');
}
