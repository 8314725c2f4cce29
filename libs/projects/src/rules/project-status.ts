export const PROJECT_STATUSES = [
  'not_started',
  'on_track',
  'at_risk',
  'delayed',
  'completed',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface MilestoneState {
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
  done: boolean;
}

export interface StatusInput {
  milestones: readonly MilestoneState[];
  /** Latest reported progress, 0–100; null when none has been reported. */
  percent: number | null;
  /** The district's calendar date, YYYY-MM-DD. */
  today: string;
}

/** An open milestone due within this many days from today (inclusive) puts a project at risk. */
export const AT_RISK_WITHIN_DAYS = 14;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a YYYY-MM-DD calendar date. Pure integer arithmetic
 * (Hinnant's days_from_civil), so no time zone or DST can move a date by a day.
 * Throws a RangeError for anything but a real date in that exact form.
 */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  }
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such calendar date: ${date}`);
  }
  // Count years from March so that the leap day falls at the end of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Whole days from `today` to `dueDate`: 0 when due today, negative once past. */
export function daysUntil(dueDate: string, today: string): number {
  return dayNumber(dueDate) - dayNumber(today);
}

/** Not done and due before today; a milestone due today is not yet overdue. */
export function isOverdue(milestone: MilestoneState, today: string): boolean {
  return !milestone.done && daysUntil(milestone.dueDate, today) < 0;
}

/** Not done and due between today and today + AT_RISK_WITHIN_DAYS, both inclusive. */
export function isDueSoon(milestone: MilestoneState, today: string): boolean {
  if (milestone.done) {
    return false;
  }
  const days = daysUntil(milestone.dueDate, today);
  return days >= 0 && days <= AT_RISK_WITHIN_DAYS;
}

function assertPercent(percent: number | null): void {
  if (percent !== null && !(Number.isFinite(percent) && percent >= 0 && percent <= 100)) {
    throw new RangeError(`Progress must be between 0 and 100, got ${percent}`);
  }
}

/** The status a project shows on a given day; the first rule that applies wins. */
export function deriveProjectStatus(input: StatusInput): ProjectStatus {
  const { milestones, percent, today } = input;
  assertPercent(percent);
  // Validate every date up front so bad data fails the same way whichever rule would apply.
  dayNumber(today);
  for (const milestone of milestones) {
    dayNumber(milestone.dueDate);
  }

  const open = milestones.filter((milestone) => !milestone.done);
  if (percent === 100 && open.length === 0) {
    return 'completed';
  }
  if (open.some((milestone) => isOverdue(milestone, today))) {
    return 'delayed';
  }
  if (open.some((milestone) => isDueSoon(milestone, today))) {
    return 'at_risk';
  }
  if ((percent === null || percent === 0) && open.length === milestones.length) {
    return 'not_started';
  }
  return 'on_track';
}
