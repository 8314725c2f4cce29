/**
 * What kind of refusal a domain error is. The API maps each kind to one HTTP status;
 * the libs stay free of HTTP so the worker can use them too.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'unavailable';

/** Base of every error a domain lib throws on purpose. `code` is stable and documented. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, whatZh: string) {
    super(`${what.toLowerCase()}.not_found`, 'not_found', `${whatZh}不存在 / ${what} not found`);
  }
}
