import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Result } from 'antd';
import { currentCycleOf, useCycles, type Cycle } from '../../shared/cycles';
import { QueryView } from '../../shared/QueryState';

const DELIVERING: Cycle['phase'][] = ['implementing', 'evaluating', 'closed'];

/** The newest cycle with projects: while this year's is still deciding, last year's delivers. */
function deliveringCycleOf(cycles: Cycle[]): Cycle | undefined {
  return (
    [...cycles].sort((a, b) => b.year - a.year).find((cycle) => DELIVERING.includes(cycle.phase)) ??
    currentCycleOf(cycles)
  );
}

/** `/proposals`, `/candidates`, `/projects`: the menu's links, to the cycle that matters now. */
function redirectTo(section: 'proposals' | 'candidates' | 'projects') {
  return function CurrentCycleRedirect() {
    const { t } = useTranslation();
    const cycles = useCycles();
    return (
      <QueryView query={cycles}>
        {({ items }) => {
          const cycle = section === 'projects' ? deliveringCycleOf(items) : currentCycleOf(items);
          return cycle ? (
            <Navigate to={`/cycles/${cycle.id}/${section}`} replace />
          ) : (
            <Result status="info" title={t('home.noCycle')} />
          );
        }}
      </QueryView>
    );
  };
}

export const CurrentProposals = redirectTo('proposals');
export const CurrentCandidates = redirectTo('candidates');
export const CurrentProjects = redirectTo('projects');
