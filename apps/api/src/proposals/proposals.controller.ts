import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { ProposalsService, SupportsService } from '@app/proposals';
import { UsersService } from '@app/users';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth.decorators.js';
import { CreateProposalDto, QueryProposalsDto, ReviewProposalDto } from './dto/proposal.dto.js';
import { QuerySimilarProposalsDto, SimilarProposalsResponse } from './dto/similar-proposals.dto.js';
import {
  ProposalAuthorContactResponse,
  ProposalResponse,
  SubmittedProposalResponse,
  SupportCountResponse,
} from './dto/proposal.response.js';
import { ProposalPage, publicPageJson } from './public-page-json.js';

@ApiTags('proposals')
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly supports: SupportsService,
    private readonly users: UsersService,
  ) {}

  @Post('cycles/:id/proposals')
  @Roles(Role.Resident, Role.Deputy)
  @ApiOperation({
    summary: 'Propose a livelihood project / 提交民生实事建议',
    description: 'Only while the cycle is collecting. The answer lists up to 5 similar proposals.',
  })
  @ApiErrors(400, 404, 409)
  async submit(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Body() dto: CreateProposalDto,
  ): Promise<SubmittedProposalResponse> {
    const { proposal, similar } = await this.proposals.submit(actor, cycleId, dto);
    return SubmittedProposalResponse.from(proposal.id, proposal.status, similar);
  }

  @Get('cycles/:id/proposals')
  @Public()
  @ApiOperation({ summary: "A cycle's proposals: filter, search, sort / 建议列表" })
  @ApiOkResponse({ type: ProposalPage })
  @ApiErrors(400, 404)
  async list(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Query() query: QueryProposalsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceType<typeof ProposalPage> | string> {
    const page = await this.proposals.list(cycleId, query);
    const json = publicPageJson(page, viewer);
    if (json !== undefined) {
      void reply.type('application/json; charset=utf-8');
      return json;
    }
    return ProposalPage.from(page, (proposal) => ProposalResponse.from(proposal, viewer));
  }

  @Get('cycles/:id/proposals/similar')
  @Public()
  @ApiOperation({
    summary: 'Proposals that look like a title being typed / 相似建议',
    description:
      'Up to 5 submitted or accepted proposals of the cycle, before filing: support one ' +
      'instead of filing a twin.',
  })
  @ApiErrors(400, 404)
  async similar(
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Query() query: QuerySimilarProposalsDto,
  ): Promise<SimilarProposalsResponse> {
    return SimilarProposalsResponse.from(await this.proposals.similar(cycleId, query.title));
  }

  @Get('proposals/:id')
  @Public()
  @ApiOperation({ summary: 'One proposal with its support count and outcome / 建议详情' })
  @ApiErrors(400, 404)
  async get(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.get(id), viewer);
  }

  @Get('proposals/:id/author-contact')
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: "How to reach a proposal's author, for screening / 建议人联系方式",
    description:
      'Officials and the secretariat only, anonymous proposals included: screening may need to ' +
      'ask the author. Kept out of the lists so contacts are read one proposal at a time.',
  })
  @ApiErrors(400, 404)
  async authorContact(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProposalAuthorContactResponse> {
    const proposal = await this.proposals.get(id);
    return ProposalAuthorContactResponse.from(await this.users.findById(proposal.authorId));
  }

  @Post('proposals/:id/supports')
  @Roles(Role.Resident, Role.Deputy)
  @ApiOperation({
    summary: 'Support (附议) a proposal / 附议',
    description: 'Only while collecting; once per resident; never one’s own.',
  })
  @ApiErrors(400, 404, 409, 422)
  async support(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SupportCountResponse> {
    return { supportCount: await this.supports.support(actor, id) };
  }

  @Delete('proposals/:id/supports')
  @Roles(Role.Resident, Role.Deputy)
  @ApiOperation({ summary: 'Withdraw one’s support / 撤回附议' })
  @ApiErrors(400, 404, 409)
  async unsupport(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SupportCountResponse> {
    return { supportCount: await this.supports.withdraw(actor, id) };
  }

  @Post('proposals/:id/review')
  @HttpCode(200)
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: 'Screen a proposal: accept, reject with a reason, or merge / 审查建议',
    description:
      'Only while the cycle is screening; each review is audited and the author notified.',
  })
  @ApiErrors(400, 404, 409, 422)
  async review(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewProposalDto,
  ): Promise<ProposalResponse> {
    await this.proposals.review(actor, id, dto);
    return ProposalResponse.from(await this.proposals.get(id), actor);
  }

  @Post('proposals/:id/withdraw')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'The author withdraws a proposal before review / 撤回建议' })
  @ApiErrors(400, 403, 404, 409)
  async withdraw(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProposalResponse> {
    await this.proposals.withdraw(actor, id);
    return ProposalResponse.from(await this.proposals.get(id), actor);
  }
}
