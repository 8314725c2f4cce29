import type { Bilingual } from '@app/notifications';

/** A text in Chinese first and English second. */
export class BilingualText implements Bilingual {
  /** 中文 */
  zh: string;
  /** English */
  en: string;

  static from(text: Bilingual): BilingualText {
    return Object.assign(new BilingualText(), { zh: text.zh, en: text.en });
  }
}
