import { Foundation1795781066695 } from './1795781066695-Foundation.js';
import { Notifications1795782775765 } from './1795782775765-Notifications.js';
import { Proposals1795783361288 } from './1795783361288-Proposals.js';
import { ProposalTitleGist1795786005636 } from './1795786005636-ProposalTitleGist.js';
import { DropProposalTitleGist1795790900000 } from './1795790900000-DropProposalTitleGist.js';
import { Ballots1795791032654 } from './1795791032654-Ballots.js';
import { Projects1795793642926 } from './1795793642926-Projects.js';
import { SearchPendingListLimit1795800000000 } from './1795800000000-SearchPendingListLimit.js';

/** Every migration, in order. A new one is generated with `npm run migration:generate -- <path>`. */
export const MIGRATIONS = [
  Foundation1795781066695,
  Notifications1795782775765,
  Proposals1795783361288,
  ProposalTitleGist1795786005636,
  DropProposalTitleGist1795790900000,
  Ballots1795791032654,
  Projects1795793642926,
  SearchPendingListLimit1795800000000,
];
