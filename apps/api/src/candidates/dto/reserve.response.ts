import type { AuthUser } from '@app/common';
import type { ProposalView } from '@app/proposals';
import { ProposalResponse } from '../../proposals/dto/proposal.response.js';

/** A proposal carried over from the reserve of an earlier cycle. */
export class CarriedProposalResponse extends ProposalResponse {
  /** The reserve proposal of the earlier cycle it was carried from */
  carriedFromId: string;

  static fromCarried(proposal: ProposalView, viewer: AuthUser): CarriedProposalResponse {
    return Object.assign(new CarriedProposalResponse(), ProposalResponse.from(proposal, viewer), {
      carriedFromId: proposal.carriedFromId!,
    });
  }
}
