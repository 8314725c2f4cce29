import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';

const PROPOSAL_COLORS: Record<Schemas['ProposalResponse']['status'], string> = {
  submitted: 'blue',
  accepted: 'green',
  merged: 'purple',
  rejected: 'red',
  withdrawn: 'default',
};

export function ProposalStatusTag({ status }: { status: Schemas['ProposalResponse']['status'] }) {
  const { t } = useTranslation();
  return <Tag color={PROPOSAL_COLORS[status]}>{t(`proposalStatus.${status}`)}</Tag>;
}

const PROJECT_COLORS: Record<Schemas['ProjectResponse']['status'], string> = {
  not_started: 'default',
  on_track: 'green',
  at_risk: 'orange',
  delayed: 'red',
  completed: 'blue',
};

export function ProjectStatusTag({ status }: { status: Schemas['ProjectResponse']['status'] }) {
  const { t } = useTranslation();
  return <Tag color={PROJECT_COLORS[status]}>{t(`projectStatus.${status}`)}</Tag>;
}

export function CategoryTag({ category }: { category: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`categories.${category}`)}</Tag>;
}

const BALLOT_COLORS: Record<Schemas['BallotResponse']['status'], string> = {
  scheduled: 'default',
  open: 'green',
  closed: 'orange',
  counted: 'blue',
};

export function BallotStatusTag({ status }: { status: Schemas['BallotResponse']['status'] }) {
  const { t } = useTranslation();
  return <Tag color={BALLOT_COLORS[status]}>{t(`ballotStatus.${status}`)}</Tag>;
}
