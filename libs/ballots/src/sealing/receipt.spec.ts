import { createHash } from 'node:crypto';
import { newReceipt, receiptHash } from './receipt.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

describe('receipts', () => {
  it('are unique over 10,000 draws, well formed, and use the whole alphabet in every position', () => {
    const receipts = Array.from({ length: 10_000 }, () => newReceipt());
    expect(new Set(receipts).size).toBe(10_000);
    for (const receipt of receipts) {
      expect(receipt).toMatch(SHAPE);
    }
    // ~312 draws per symbol per position: a missing symbol means broken bit extraction.
    const symbols = receipts.map((r) => r.replace(/-/g, ''));
    for (let position = 0; position < 20; position += 1) {
      const seen = new Set(symbols.map((s) => s[position]));
      expect([...seen].sort().join('')).toBe(CROCKFORD);
    }
  });

  it('hashes the receipt exactly as shown with SHA-256, as lowercase hex', () => {
    expect(receiptHash('ABCD')).toBe(
      'e12e115acf4552b2568b55e93cbd39394c4ef81c82447fafc997882a02d23677',
    );
    const receipt = newReceipt();
    const hash = receiptHash(receipt);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(receipt).digest('hex'));
    expect(receiptHash(receipt.toLowerCase())).not.toBe(hash);
  });
});
