/** Emails compare case-insensitively: they are stored lower-cased. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** Mainland mobile numbers are stored as 11 digits, without spaces, dashes or +86. */
export function normalizePhone(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return digits ? digits : null;
}

export const MAINLAND_MOBILE = /^(\+86|0086)?[\s-]?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/;
