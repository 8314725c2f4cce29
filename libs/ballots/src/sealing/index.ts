export {
  createBallotKeys,
  rebuildPrivateKey,
  MAX_SCRUTINEERS,
  type BallotKeyMaterial,
} from './ballot-keys.js';
export { parseShare, type ParsedShare } from './share-format.js';
export { openBallot, sealBallot } from './seal.js';
export { publicKeyFromRaw, rawPublicKey } from './x25519.js';
export { newReceipt, receiptHash } from './receipt.js';
export {
  DuplicateShareError,
  MistypedShareError,
  OtherBallotShareError,
  ShareError,
  TooFewSharesError,
  WrongSharesError,
  type ShareErrorReason,
} from './sealing.errors.js';
export { BallotSealer, BoxNotOpenedError, type SealedCast } from './ballot-sealer.js';
