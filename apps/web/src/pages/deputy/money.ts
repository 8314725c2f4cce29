import i18n from '../../i18n';

/** Integer yuan: 万元 in Chinese, yuan in English. */
export function formatMoney(yuan: number): string {
  if (i18n.language.startsWith('en')) {
    return `CNY ${yuan.toLocaleString('en')}`;
  }
  return yuan >= 10_000 ? `${(yuan / 10_000).toLocaleString('zh-CN')} 万元` : `${yuan} 元`;
}
