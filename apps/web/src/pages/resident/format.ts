/** A date and time in the user's language, e.g. 2020/3/1 14:05. */
export function formatDateTime(value: string | Date, language: string): string {
  return new Date(value).toLocaleString(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function formatDate(value: string | Date, language: string): string {
  return new Date(value).toLocaleDateString(language, { dateStyle: 'medium' });
}
