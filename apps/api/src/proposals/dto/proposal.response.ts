import { hasRole, Role, type AuthUser } from '@app/common';
import type { User } from '@app/users';
import type {
  ProposalCategory,
  ProposalStatus,
  ProposalView,
  SimilarProposal,
} from '@app/proposals';

export class ProposalAuthorResponse {
  id: string;
  displayName: string;
}

export class ProposalAuthorContactResponse {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;

  static from(user: User): ProposalAuthorContactResponse {
    return Object.assign(new ProposalAuthorContactResponse(), {
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      phone: user.phone,
    });
  }
}

export class ProposalResponse {
  id: string;
  cycleId: string;
  title: string;
  category: ProposalCategory;
  description: string;
  location: string | null;
  anonymous: boolean;
  /** Null when the proposal is anonymous and the viewer is neither its author nor an official */
  author: ProposalAuthorResponse | null;
  status: ProposalStatus;
  /** The public reason of a rejection */
  rejectReason: string | null;
  mergedIntoId: string | null;
  supportCount: number;
  /** The candidates this proposal became (traceability) */
  candidateIds: string[];
  /** The reserve proposal of an earlier cycle this one was carried over from */
  carriedFromId: string | null;
  reviewedAt: Date | null;
  createdAt: Date;

  /** Whether the viewer sees more of the proposal than the public does: its hidden author. */
  static showsViewerMore(proposal: ProposalView, viewer: AuthUser | undefined): boolean {
    return (
      proposal.anonymous &&
      viewer !== undefined &&
      (viewer.id === proposal.authorId || hasRole(viewer, Role.Official, Role.Secretariat))
    );
  }

  static from(proposal: ProposalView, viewer: AuthUser | undefined): ProposalResponse {
    const mayKnowAuthor = !proposal.anonymous || ProposalResponse.showsViewerMore(proposal, viewer);
    return Object.assign(new ProposalResponse(), {
      id: proposal.id,
      cycleId: proposal.cycleId,
      title: proposal.title,
      category: proposal.category,
      description: proposal.description,
      location: proposal.location,
      anonymous: proposal.anonymous,
      author: mayKnowAuthor ? { id: proposal.authorId, displayName: proposal.authorName } : null,
      status: proposal.status,
      rejectReason: proposal.rejectReason,
      mergedIntoId: proposal.mergedIntoId,
      supportCount: proposal.supportCount,
      candidateIds: proposal.candidateIds,
      carriedFromId: proposal.carriedFromId,
      reviewedAt: proposal.reviewedAt,
      createdAt: proposal.createdAt,
    });
  }
}

export class SimilarProposalResponse {
  id: string;
  title: string;
  status: string;
  supportCount: number;
  /** 0–1 */
  similarity: number;
}

export class SubmittedProposalResponse {
  id: string;
  status: ProposalStatus;
  /** Up to 5 proposals of the cycle that look alike: support one instead of filing a twin */
  similar: SimilarProposalResponse[];

  static from(id: string, status: ProposalStatus, similar: SimilarProposal[]) {
    return Object.assign(new SubmittedProposalResponse(), { id, status, similar });
  }
}

export class SupportCountResponse {
  supportCount: number;
}
