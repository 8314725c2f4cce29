import { IsOptional, IsUUID } from 'class-validator';
import type { ProposalCategory, ProposalStatus, SupportedProposal } from '@app/proposals';
import { PageQueryDto } from '../../common/page-query.dto.js';

export class QueryMyProposalsDto extends PageQueryDto {
  /** Only this cycle's; all cycles when left out */
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}

export class SupportedProposalResponse {
  id: string;
  cycleId: string;
  title: string;
  category: ProposalCategory;
  status: ProposalStatus;
  supportCount: number;
  /** When I supported it */
  supportedAt: Date;

  static from(proposal: SupportedProposal): SupportedProposalResponse {
    return Object.assign(new SupportedProposalResponse(), {
      id: proposal.id,
      cycleId: proposal.cycleId,
      title: proposal.title,
      category: proposal.category,
      status: proposal.status,
      supportCount: proposal.supportCount,
      supportedAt: proposal.supportedAt,
    });
  }
}
