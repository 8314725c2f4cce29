import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A calendar date such as `2026-05-12` as a local date, so no time zone shifts the day. */
function localDate(value: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
}

/** Money, dates and numbers in the user's language (zh-CN: 2026年11月27日, ¥36,000,000). */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const money = new Intl.NumberFormat(language, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 0,
    });
    const number = new Intl.NumberFormat(language);
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    const dateTime = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    return {
      money: (yuan: number) => money.format(yuan),
      number: (value: number) => number.format(value),
      percent: (ratio: number) => percent.format(ratio),
      date: (value: string) => date.format(localDate(value)),
      dateTime: (value: string) => dateTime.format(new Date(value)),
    };
  }, [language]);
}

/** Thousands separators for the budget box: 36000000 → 36,000,000. */
export const withSeparators = (value: number | string | undefined) =>
  `${value ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const withoutSeparators = (text: string | undefined) => (text ?? '').replace(/[,\s¥]/g, '');

/**
 * Texts the API writes in both languages, "中文 / English" (such as a rectification item's
 * title): the part in the user's language.
 */
export function usePickLanguage() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (text: string) => {
    const [zh, en] = text.split(' / ');
    return english ? (en ?? zh) : zh;
  };
}
