import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { SessionProvider } from './auth/session';
import { router } from './routes';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again, except a 429 once the limit has passed.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status < 500 && error.status !== 429),
    },
  },
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language.startsWith('en') ? enUS : zhCN}
      theme={theme}
      // "登 录" with an inserted space reads as two words to screen readers (and to tests).
      button={{ autoInsertSpace: false }}
      // Long dialog titles would run under the close button.
      modal={{ styles: { header: { paddingInlineEnd: 32 } } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
