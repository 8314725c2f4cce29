// The body of the sealing thread (see BallotSealer): for each cast handed over, a fresh receipt,
// the plaintext with its hash, and the sealed box. Nothing here is logged or kept; each batch is
// forgotten once answered.
import { parentPort } from 'node:worker_threads';
import { castPlaintext } from './cast-plaintext.js';
import { newReceipt, receiptHash } from './receipt.js';
import { sealBallot } from './seal.js';

export interface CastToSeal {
  id: number;
  ballotId: string;
  publicKey: Uint8Array;
  /** The marks, one letter per item (see encodeMarks). */
  letters: string;
}

export type SealedAnswer =
  | { id: number; receipt: string; receiptHash: string; sealed: Uint8Array }
  | { id: number; error: string };

const bytes = (array: Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function sealOne(cast: CastToSeal): SealedAnswer {
  const receipt = newReceipt();
  const hash = receiptHash(receipt);
  const plaintext = castPlaintext(cast.letters, hash);
  try {
    const sealed = sealBallot(cast.ballotId, bytes(cast.publicKey), plaintext);
    // An array of its own, not the slab the Buffer may share (see BallotSealer).
    return { id: cast.id, receipt, receiptHash: hash, sealed: new Uint8Array(sealed) };
  } catch (error) {
    return { id: cast.id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    plaintext.fill(0);
  }
}

/** Answered a few at a time, so the first casts of a big batch go on to the database early. */
const ANSWER_EVERY = 32;

parentPort?.on('message', (casts: CastToSeal[]) => {
  for (let start = 0; start < casts.length; start += ANSWER_EVERY) {
    parentPort!.postMessage(casts.slice(start, start + ANSWER_EVERY).map(sealOne));
  }
});
