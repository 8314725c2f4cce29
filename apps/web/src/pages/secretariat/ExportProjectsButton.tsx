import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import type { Cycle } from '../../shared/cycles';
import { saveBlob } from './common';

/** The projects CSV is for the secretariat and officials only, so it is fetched with the token. */
export function ExportProjectsButton({ cycle }: { cycle: Pick<Cycle, 'id' | 'year'> }) {
  const { t } = useTranslation('secretariat');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    saveBlob(
      unwrap<Blob>(
        api.GET('/api/cycles/{id}/projects/export', {
          params: { path: { id: cycle.id } },
          parseAs: 'blob',
        }),
      ),
      `projects-${cycle.year}.csv`,
    )
      .catch((error: unknown) => void message.error(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={download} loading={busy}>
      {t('exports.projects', { year: cycle.year })}
    </Button>
  );
}
