import { CheckOutlined, LikeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';
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
  const support = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/proposals/{id}/supports', { params: { path: { id: item.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'supports'] }),
  });
  const count = support.data?.supportCount ?? item.supportCount;
  // Supported before (another tab, or earlier) is the state wanted, not a failure.
  const alreadySupported =
    support.error instanceof ApiError && support.error.code === 'support.exists';
  const supported = support.isSuccess || alreadySupported;
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
          icon={supported ? <CheckOutlined /> : <LikeOutlined />}
          size="large"
          // Stays focusable once supported, so a keyboard user keeps their place.
          aria-disabled={supported}
          loading={support.isPending}
          onClick={() => !supported && support.mutate()}
          aria-label={
            supported ? t('similar.supported') : t('similar.supportThis', { title: item.title })
          }
        >
          {supported ? t('similar.supported') : t('similar.support')}
        </Button>
      </Space>
      {support.isError && !alreadySupported && (
        <Typography.Text type="danger" role="alert">
          {errorMessage(support.error)}
        </Typography.Text>
      )}
    </Space>
  );
}
