import { useTranslation } from 'react-i18next';
import { usePickLanguage } from '../shared/format';
import { ApiError } from './client';

/**
 * The API writes its messages as "中文 / English": the part in the user's language is shown.
 * Validation errors (400 with `fields`) list each field; anything else falls back to a message
 * per HTTP status, and a network failure says so.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('common');
  const pick = usePickLanguage();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.body.fields) {
        const fields = Object.entries(error.body.fields).map(
          ([field, problems]) => `${field}: ${problems.join(', ')}`,
        );
        return `${t('errors.validation')} ${fields.join('; ')}`;
      }
      const message = error.body.message;
      if (typeof message === 'string' && message.includes(' / ')) {
        return pick(message);
      }
      const known = t(`errors.status.${error.status}`, { defaultValue: '' });
      return known || (typeof message === 'string' ? message : t('errors.unknown'));
    }
    if (error instanceof TypeError) {
      return t('errors.network');
    }
    return t('errors.unknown');
  };
}
