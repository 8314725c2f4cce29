/** The plaintext of a sealed cast: `v1:<one letter per item>:<receipt hash>`. */
export const CONTENTS_FORMAT = 'v1';

export function castPlaintext(letters: string, receiptHash: string): Buffer {
  return Buffer.from(`${CONTENTS_FORMAT}:${letters}:${receiptHash}`, 'utf8');
}
