import { Role, type AuthUser } from '@app/common';
import { CYCLE_PHASES } from '@app/cycles';
import { mayDraftFor, mayViewCandidates, normalizeCandidateChanges } from './candidate-rules.js';
import { InvalidCandidateInputError } from './candidates.errors.js';

const user = (roles: Role[], departmentId: string | null = null): AuthUser => ({
  id: 'u',
  roles,
  departmentId,
});

describe('who may see the candidate list', () => {
  const publicFrom = CYCLE_PHASES.indexOf('balloting');

  it.each(CYCLE_PHASES.map((phase, index) => ({ phase, isPublic: index >= publicFrom })))(
    'in $phase: public $isPublic, officials and the secretariat always',
    ({ phase, isPublic }) => {
      for (const viewer of [undefined, user([Role.Resident]), user([Role.Deputy])]) {
        expect(mayViewCandidates(viewer, phase)).toBe(isPublic);
      }
      for (const role of [Role.Official, Role.Secretariat, Role.Admin]) {
        expect(mayViewCandidates(user([role], 'd'), phase)).toBe(true);
      }
    },
  );
});

describe('who may draft for a department', () => {
  it('lets an official draft only for their own department', () => {
    expect(mayDraftFor(user([Role.Official], 'd1'), 'd1')).toBe(true);
    expect(mayDraftFor(user([Role.Official], 'd1'), 'd2')).toBe(false);
    expect(mayDraftFor(user([Role.Official], null), 'd1')).toBe(false);
  });

  it('lets the secretariat and admins draft for any, and nobody else', () => {
    expect(mayDraftFor(user([Role.Secretariat]), 'd2')).toBe(true);
    expect(mayDraftFor(user([Role.Admin]), 'd2')).toBe(true);
    expect(mayDraftFor(user([Role.Resident, Role.Deputy], 'd2'), 'd2')).toBe(false);
  });
});

describe('candidate input', () => {
  const valid = {
    title: ' 就业促进工程 ',
    category: 'employment' as const,
    summary: '开展技能培训',
    targets: [' 新增就业3800人 '],
    budget: 9_500_000,
    leadDepartmentId: 'd',
    sourceProposalIds: ['p1', 'p2', 'p1'],
  };

  it('trims texts and drops repeated sources', () => {
    expect(normalizeCandidateChanges(valid)).toEqual({
      ...valid,
      title: '就业促进工程',
      targets: ['新增就业3800人'],
      sourceProposalIds: ['p1', 'p2'],
    });
  });

  it('leaves out fields that are not given', () => {
    expect(normalizeCandidateChanges({ budget: 0, title: undefined })).toEqual({ budget: 0 });
  });

  it.each([
    { budget: -1 },
    { budget: 1.5 },
    { budget: Number.MAX_SAFE_INTEGER + 1 },
    { budget: Number.NaN },
    { targets: [] },
    { targets: Array.from({ length: 21 }, () => 'x') },
    { targets: ['  '] },
    { targets: ['x'.repeat(201)] },
    { title: '' },
    { title: 'x'.repeat(101) },
    { summary: 'x'.repeat(2001) },
    { sourceProposalIds: [] },
    { category: 'space' },
  ])('refuses %o', (changes) => {
    expect(() => normalizeCandidateChanges(changes as never)).toThrow(InvalidCandidateInputError);
  });

  it('accepts the edges', () => {
    expect(() =>
      normalizeCandidateChanges({
        budget: Number.MAX_SAFE_INTEGER,
        targets: Array.from({ length: 20 }, () => 'x'.repeat(200)),
        title: 'x'.repeat(100),
        summary: 'x'.repeat(2000),
      }),
    ).not.toThrow();
  });
});
