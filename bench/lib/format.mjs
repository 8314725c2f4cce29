// Printing figures for people: thousands separators, seconds, ratios against targets.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const int = (value) => (value == null || Number.isNaN(value) ? '—' : integer.format(value));

export const secs = (value, digits = 1) =>
  value == null || Number.isNaN(value) ? '—' : `${value.toFixed(digits)} s`;

export const perSec = (value) =>
  value == null || !Number.isFinite(value) ? '—' : `${int(value)}/s`;

/** Rounds for the BENCH line: a few decimals, null stays null. */
export const round = (value, digits = 2) =>
  value == null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/**
 * "23.4 s vs target ≤ 60 s: 0.39× the target (met)". For an upper bound (a time, a latency) a
 * ratio below 1 is good; for a lower bound (a rate) a ratio above 1 is good. Never an assertion.
 */
export function versus(value, target, { unit = 's', upper = true, digits = 1 } = {}) {
  const shown = (n) => (unit === 's' ? `${n.toFixed(digits)} s` : `${int(n)}${unit}`);
  if (value == null || !Number.isFinite(value)) {
    return `not reached — target ${upper ? '≤' : '≥'} ${shown(target)}`;
  }
  const ratio = value / target;
  const met = upper ? value <= target : value >= target;
  return `${shown(value)} vs target ${upper ? '≤' : '≥'} ${shown(target)}: ${ratio.toFixed(2)}× (${met ? 'met' : 'MISSED'})`;
}

export function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

export function line(label, value) {
  console.log(`  ${label.padEnd(34)} ${value}`);
}

/** The one machine-readable line a scenario ends with. */
export function benchLine(result) {
  console.log(`BENCH ${JSON.stringify(result)}`);
}
