import { ChainVerifier, GENESIS_HASH, linkHash, type ChainLink } from './audit-chain.js';

function chainOf(count: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i += 1) {
    const fields = {
      seq: String(i),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      action: 'user.created',
      entityType: 'user',
      entityId: `u${i}`,
      details: { roles: ['resident'], n: i },
    };
    const hash = linkHash(prevHash, fields);
    links.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return links;
}

function verify(links: ChainLink[]) {
  const verifier = new ChainVerifier();
  verifier.feed(links);
  return verifier.result();
}

describe('audit chain', () => {
  it('accepts an intact chain, also fed in batches', () => {
    const links = chainOf(10);
    expect(verify(links)).toEqual({ ok: true, entries: 10 });
    const verifier = new ChainVerifier();
    expect(verifier.feed(links.slice(0, 4))).toBe(true);
    expect(verifier.feed(links.slice(4))).toBe(true);
    expect(verifier.result()).toEqual({ ok: true, entries: 10 });
  });

  it('accepts the empty chain', () => {
    expect(verify([])).toEqual({ ok: true, entries: 0 });
  });

  it('hashes details independently of key order', () => {
    const base = chainOf(1)[0];
    expect(linkHash(GENESIS_HASH, { ...base, details: { b: 1, a: 2 } })).toBe(
      linkHash(GENESIS_HASH, { ...base, details: { a: 2, b: 1 } }),
    );
  });

  it('names an entry whose fields were altered', () => {
    const links = chainOf(6);
    links[3] = { ...links[3], details: { roles: ['admin'], n: 4 } };
    expect(verify(links)).toEqual({ ok: false, entries: 4, brokenAt: '4' });
  });

  it('names the entry after a deleted one', () => {
    const links = chainOf(6);
    links.splice(2, 1);
    expect(verify(links)).toMatchObject({ ok: false, brokenAt: '4' });
  });

  it('names an entry whose hash was recomputed but whose successor still points at the old one', () => {
    const links = chainOf(5);
    const forged = { ...links[1], action: 'user.deleted' };
    forged.hash = linkHash(forged.prevHash, forged);
    links[1] = forged;
    expect(verify(links)).toMatchObject({ ok: false, brokenAt: '3' });
  });
});
