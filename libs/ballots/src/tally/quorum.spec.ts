import fc from 'fast-check';
import { DEFAULT_QUORUM, quorumRequired, threshold } from './quorum.js';

describe('quorumRequired', () => {
  it.each([
    { deputyCount: 3, expected: 2 },
    { deputyCount: 9, expected: 6 },
    { deputyCount: 10, expected: 7 },
    { deputyCount: 300, expected: 200 },
    { deputyCount: 301, expected: 201 },
    { deputyCount: 302, expected: 202 },
    { deputyCount: 303, expected: 202 },
  ])('needs $expected of $deputyCount at two thirds', ({ deputyCount, expected }) => {
    expect(quorumRequired(deputyCount, DEFAULT_QUORUM)).toBe(expected);
  });

  it('is inclusive for other fractions too', () => {
    expect(quorumRequired(10, 0.5)).toBe(5);
    expect(quorumRequired(9, 0.5)).toBe(5);
    expect(quorumRequired(10, 0.7)).toBe(7);
    expect(quorumRequired(7, 1)).toBe(7);
    expect(quorumRequired(1, 0.01)).toBe(1);
    // Products that floating point puts a hair above the integer.
    expect(quorumRequired(100, 0.07)).toBe(7);
    expect(quorumRequired(77, 9 / 11)).toBe(63);
    expect(quorumRequired(108, 7 / 12)).toBe(63);
  });

  it('is the least count k with k / n ≥ a / b, in exact integer arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (x, y, m, landsOnBoundary) => {
          const [a, b] = [Math.min(x, y), Math.max(x, y)];
          // Boundaries, where n × a / b is an integer, are where rounding would bite.
          const n = landsOnBoundary ? m * b : m;
          const k = quorumRequired(n, a / b);
          expect(k * b).toBeGreaterThanOrEqual(a * n);
          expect((k - 1) * b).toBeLessThan(a * n);
        },
      ),
    );
  });

  it('rejects a quorum outside (0, 1] and a deputy count that is not a positive integer', () => {
    for (const quorum of [0, -0.5, 1.01, Number.NaN]) {
      expect(() => quorumRequired(10, quorum)).toThrow(RangeError);
    }
    for (const deputyCount of [0, -3, 2.5, Number.NaN]) {
      expect(() => quorumRequired(deputyCount, DEFAULT_QUORUM)).toThrow(RangeError);
    }
  });
});

describe('threshold', () => {
  it.each([
    { deputyCount: 1, expected: 1 },
    { deputyCount: 10, expected: 6 },
    { deputyCount: 11, expected: 6 },
    { deputyCount: 20, expected: 11 },
    { deputyCount: 301, expected: 151 },
  ])('is $expected of $deputyCount', ({ deputyCount, expected }) => {
    expect(threshold(deputyCount)).toBe(expected);
  });

  it('is the least count that is more than half of all deputies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const t = threshold(n);
        expect(2 * t).toBeGreaterThan(n);
        expect(2 * (t - 1)).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('rejects a deputy count that is not a positive integer', () => {
    expect(() => threshold(0)).toThrow(RangeError);
    expect(() => threshold(1.5)).toThrow(RangeError);
  });
});
