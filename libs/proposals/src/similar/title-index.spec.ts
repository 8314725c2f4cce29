import fc from 'fast-check';
import { TitleIndex } from './title-index.js';
import { trigramSimilarity, trigramsOf } from './trigrams.js';

const PARTS = [
  '改造',
  '新建',
  '沈家门',
  '街道',
  '供水',
  '管网',
  '公交',
  '线路',
  '的建议',
  '（二期）',
  'AB',
  '12',
];

describe('trigrams as pg_trgm makes them', () => {
  it('pads each word and splits on punctuation, Chinese characters being letters', () => {
    expect(trigramsOf('AB-cd').sort()).toEqual(['  a', '  c', ' ab', ' cd', 'ab ', 'cd '].sort());
    expect(trigramsOf('二期）')).toEqual(['  二', ' 二期', '二期 ']);
    expect(trigramsOf('，。！')).toEqual([]);
  });

  it('scores like similarity(): 建设展茅街道公交线路的建议 vs without 的建议 is 2/3', () => {
    // PostgreSQL 15 answers 0.6666667 for this pair.
    expect(trigramSimilarity('建设展茅街道公交线路的建议', '建设展茅街道公交线路')).toBeCloseTo(
      2 / 3,
      6,
    );
    expect(trigramSimilarity('同一个标题', '同一个标题')).toBe(1);
    expect(trigramSimilarity('完全不同', 'xyz')).toBe(0);
  });
});

describe('TitleIndex.nearest', () => {
  const titleArb = fc
    .array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join(''));

  it('finds the same best scores as comparing with every title', () => {
    fc.assert(
      fc.property(
        fc.array(titleArb, { minLength: 1, maxLength: 80 }),
        titleArb,
        (titles, query) => {
          const index = new TitleIndex();
          titles.forEach((title, i) => index.add(`p${i}`, title));
          const found = index.nearest(query, { limit: 5, keep: 5, threshold: 0.15 });
          const brute = titles
            .map((title) => trigramSimilarity(query, title))
            .filter((score) => score >= 0.15)
            .sort((a, b) => b - a)
            .slice(0, 5);
          expect(found.map((hit) => hit.score)).toEqual(
            brute.map((score) => expect.closeTo(score, 9) as unknown as number),
          );
          for (const hit of found) {
            expect(hit.score).toBeCloseTo(
              trigramSimilarity(query, titles[Number(hit.id.slice(1))]),
              9,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the best `limit` exact when it keeps more, each scored right and best first', () => {
    fc.assert(
      fc.property(
        fc.array(titleArb, { minLength: 1, maxLength: 200 }),
        titleArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 15 }),
        (titles, query, limit, more) => {
          const index = new TitleIndex();
          titles.forEach((title, i) => index.add(`p${i}`, title));
          const keep = limit + more;
          const found = index.nearest(query, { limit, keep, threshold: 0.15 });
          const brute = titles
            .map((title) => trigramSimilarity(query, title))
            .filter((score) => score >= 0.15)
            .sort((a, b) => b - a);
          expect(found.length).toBeLessThanOrEqual(keep);
          expect(found.length).toBeGreaterThanOrEqual(Math.min(limit, brute.length));
          expect(found.slice(0, limit).map((hit) => hit.score)).toEqual(
            brute.slice(0, limit).map((score) => expect.closeTo(score, 9) as unknown as number),
          );
          const scores = found.map((hit) => hit.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
          for (const hit of found) {
            expect(hit.score).toBeCloseTo(
              trigramSimilarity(query, titles[Number(hit.id.slice(1))]),
              9,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves out the excluded id and titles below the threshold', () => {
    const index = new TitleIndex();
    index.add('own', '改造沈家门街道供水管网');
    index.add('twin', '改造沈家门街道供水管网');
    index.add('far', '新建公交线路');
    const found = index.nearest('改造沈家门街道供水管网', {
      limit: 5,
      keep: 5,
      threshold: 0.15,
      excludeId: 'own',
    });
    expect(found).toEqual([{ id: 'twin', score: 1 }]);
  });

  it('adds an id once', () => {
    const index = new TitleIndex();
    index.add('a', '供水管网');
    index.add('a', '供水管网');
    expect(index.size).toBe(1);
    expect(index.nearest('供水管网', { limit: 5, keep: 5, threshold: 0 })).toHaveLength(1);
  });
});
