import type { BallotKind } from './ballot-kind.js';
import { InvalidBallotInputError } from './ballots.errors.js';
import { castPlaintext, CONTENTS_FORMAT } from './sealing/cast-plaintext.js';

export interface ChoiceInput {
  itemId: string;
  mark: string;
}

export interface BallotLayout {
  kind: BallotKind;
  seats: number;
  itemIds: readonly string[];
}

/**
 * One letter per item in ballot order. Every sealed plaintext of a ballot has the same length,
 * so the size of a sealed box says nothing about the marks inside it.
 */
const SELECTION_CODES = { for: 'F', against: 'A', abstain: 'X' } as const;
const EVALUATION_CODES = {
  satisfied: 'S',
  basically_satisfied: 'B',
  unsatisfied: 'U',
  abstain: 'X',
} as const;

function codesOf(kind: BallotKind): Readonly<Record<string, string>> {
  return kind === 'evaluation' ? EVALUATION_CODES : SELECTION_CODES;
}

const refuse = (zh: string, en: string) => new InvalidBallotInputError({ zh, en });

/**
 * Checks a deputy's marks against the ballot and completes them (an unmarked item is
 * abstain). Refusals never repeat a mark back: error messages are logged.
 */
export function completeChoices(layout: BallotLayout, choices: readonly ChoiceInput[]): string[] {
  const codes = codesOf(layout.kind);
  const position = new Map(layout.itemIds.map((id, index) => [id, index]));
  const marks: string[] = layout.itemIds.map(() => 'abstain');
  const seen = new Set<string>();
  for (const choice of choices) {
    const index = position.get(choice.itemId);
    if (index === undefined) {
      throw refuse('选票中有不在本次投票中的项目', 'a choice names an item not on this ballot');
    }
    if (seen.has(choice.itemId)) {
      throw refuse('同一项目只能标记一次', 'an item is marked more than once');
    }
    if (!Object.hasOwn(codes, choice.mark)) {
      throw refuse('标记无效', 'a mark is not one this ballot allows');
    }
    seen.add(choice.itemId);
    marks[index] = choice.mark;
  }
  if (layout.kind !== 'evaluation') {
    const forCount = marks.filter((mark) => mark === 'for').length;
    if (forCount > layout.seats) {
      throw refuse(
        `赞成票不能超过应选项目数 ${layout.seats} 个`,
        `at most ${layout.seats} "for" marks (the seats)`,
      );
    }
  }
  return marks;
}

/** The plaintext sealed for one ballot: its marks and its receipt hash, fixed length. */
export function encodeContents(
  layout: BallotLayout,
  marks: readonly string[],
  receiptHash: string,
): Buffer {
  return castPlaintext(encodeMarks(layout, marks), receiptHash);
}

/** The marks as the plaintext holds them: one letter per item, in ballot order. */
export function encodeMarks(layout: BallotLayout, marks: readonly string[]): string {
  const codes = codesOf(layout.kind);
  return marks.map((mark) => codes[mark]).join('');
}

export interface OpenedContents {
  marks: string[];
  receiptHash: string;
}

export function decodeContents(layout: BallotLayout, plaintext: Buffer): OpenedContents {
  const [format, letters, receiptHash] = plaintext.toString('utf8').split(':');
  const byCode = new Map(Object.entries(codesOf(layout.kind)).map(([mark, code]) => [code, mark]));
  const marks = [...(letters ?? '')].map((code) => byCode.get(code));
  if (
    format !== CONTENTS_FORMAT ||
    marks.length !== layout.itemIds.length ||
    marks.some((mark) => mark === undefined) ||
    !/^[0-9a-f]{64}$/.test(receiptHash ?? '')
  ) {
    throw new Error('opened ballot has an unknown layout');
  }
  return { marks: marks as string[], receiptHash };
}
