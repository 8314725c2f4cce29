import { LikeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';

type Similar = Schemas['SimilarProposalResponse'];

/** Look-alike proposals, each with a one-click 附议 so the resident need not file a twin. */
export function SimilarProposals({ items }: { items: Similar[] }) {
  return (
    <List
      dataSource={items}
      renderItem={(item) => (
        <List.Item>
          <SimilarItem item={item} />
        </List.Item>
      )}
    />
  );
}

function SimilarItem({ item }: { item: Similar }) {
  const { t } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [count, setCount] = useState(item.supportCount);
  const support = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/proposals/{id}/supports', { params: { path: { id: item.id } } })),
    onSuccess: async (answer) => {
      setCount(answer.supportCount);
      await queryClient.invalidateQueries({ queryKey: ['me', 'supports'] });
    },
  });
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${item.id}`} target="_blank" rel="noopener">
            {item.title}
            <span className="visually-hidden">{t('similar.newWindow')}</span>
          </Link>
          <Typography.Text type="secondary">
            {t('similar.supportCount', { count })}
            {item.status === 'accepted' && (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t('common:proposalStatus.accepted')}
              </Tag>
            )}
          </Typography.Text>
        </Space>
        <Button
          icon={<LikeOutlined />}
          size="large"
          disabled={support.isSuccess}
          loading={support.isPending}
          onClick={() => support.mutate()}
          aria-label={
            support.isSuccess
              ? t('similar.supported')
              : t('similar.supportThis', { title: item.title })
          }
        >
          {support.isSuccess ? t('similar.supported') : t('similar.support')}
        </Button>
      </Space>
      {support.isError && (
        <Typography.Text type="danger" role="alert">
          {errorMessage(support.error)}
        </Typography.Text>
      )}
    </Space>
  );
}
