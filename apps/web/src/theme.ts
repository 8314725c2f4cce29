import type { ThemeConfig } from 'antd';

// A sober government red with AA contrast on white, and a larger base font: many deputies
// are older, and residents read on phones.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b7202e',
    colorLink: '#a11b28',
    fontSize: 16,
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // Descriptions labels and table sorters use the tertiary colour: AA needs it darker too.
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Danger buttons and form errors: the default #ff4d4f is 3.3:1 on white, under AA.
    colorError: '#cf1322',
    // Placeholders (请选择类别…) are read as text: the default 25% black fails AA.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};
