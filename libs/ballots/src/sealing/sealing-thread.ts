// The body of the sealing thread (see BallotSealer). It seals casts — for each, a fresh receipt,
// the plaintext with its hash, and the sealed box — and, at a count, opens a ballot's boxes with
// the key rebuilt from the shares. Nothing here is logged or kept; each message is forgotten
// once answered.
import type { KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { castPlaintext } from './cast-plaintext.js';
import { newReceipt, receiptHash } from './receipt.js';
import { openBallot, sealBallot } from './seal.js';

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

export interface BoxesToOpen {
  id: number;
  ballotId: string;
  privateKey: KeyObject;
  publicKey: Uint8Array;
  sealed: Uint8Array[];
}

/** Every box opened, in the order given; or why not, for all of them. */
export type OpenedAnswer = { id: number; plaintexts: Uint8Array[] } | { id: number; error: string };

export type ThreadRequest = { seal: CastToSeal[] } | { open: BoxesToOpen };
export type ThreadAnswer = { sealed: SealedAnswer[] } | { opened: OpenedAnswer };

const bytes = (array: Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function sealOne(cast: CastToSeal): SealedAnswer {
  const receipt = newReceipt();
  const hash = receiptHash(receipt);
  const plaintext = castPlaintext(cast.letters, hash);
  try {
    const sealed = sealBallot(cast.ballotId, bytes(cast.publicKey), plaintext);
    // An array of its own, not the slab the Buffer may share (see BallotSealer).
    return { id: cast.id, receipt, receiptHash: hash, sealed: new Uint8Array(sealed) };
  } catch (error) {
    return { id: cast.id, error: messageOf(error) };
  } finally {
    plaintext.fill(0);
  }
}

function openAll(boxes: BoxesToOpen): OpenedAnswer {
  try {
    const publicKey = bytes(boxes.publicKey);
    const plaintexts = boxes.sealed.map(
      (sealed) =>
        new Uint8Array(openBallot(boxes.ballotId, boxes.privateKey, publicKey, bytes(sealed))),
    );
    return { id: boxes.id, plaintexts };
  } catch (error) {
    return { id: boxes.id, error: messageOf(error) };
  }
}

/** Seals are answered a few at a time, so the first casts of a big batch go on early. */
const ANSWER_EVERY = 32;

parentPort?.on('message', (request: ThreadRequest) => {
  if ('seal' in request) {
    for (let start = 0; start < request.seal.length; start += ANSWER_EVERY) {
      const sealed = request.seal.slice(start, start + ANSWER_EVERY).map(sealOne);
      parentPort!.postMessage({ sealed } satisfies ThreadAnswer);
    }
  } else {
    parentPort!.postMessage({ opened: openAll(request.open) } satisfies ThreadAnswer);
  }
});
