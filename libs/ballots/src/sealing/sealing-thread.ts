// The body of the sealing thread (see BallotSealer): seals what the event loop hands over and
// answers with the box. Nothing here is logged or kept; each message is forgotten once answered.
import { parentPort } from 'node:worker_threads';
import { sealBallot } from './seal.js';

export interface SealRequest {
  id: number;
  ballotId: string;
  publicKey: Uint8Array;
  plaintext: Uint8Array;
}

export type SealAnswer = { id: number; sealed: Uint8Array } | { id: number; error: string };

const bytes = (array: Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

parentPort?.on('message', (request: SealRequest) => {
  let answer: SealAnswer;
  try {
    const sealed = sealBallot(request.ballotId, bytes(request.publicKey), bytes(request.plaintext));
    // An array of its own, not the slab the Buffer may share (see BallotSealer).
    answer = { id: request.id, sealed: new Uint8Array(sealed) };
  } catch (error) {
    answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    request.plaintext.fill(0);
  }
  parentPort!.postMessage(answer);
});
