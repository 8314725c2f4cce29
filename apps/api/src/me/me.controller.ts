import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { SupervisionService } from '@app/projects';
import { ProposalsService, SupportsService } from '@app/proposals';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles, SignedIn } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { ProjectResponse } from '../projects/dto/project.response.js';
import { ProposalResponse } from '../proposals/dto/proposal.response.js';
import { QueryMyProposalsDto, SupportedProposalResponse } from './dto/me.dto.js';

const MyProposalPage = PageResponseOf(ProposalResponse);
const SupportedProposalPage = PageResponseOf(SupportedProposalResponse);

/** What the signed-in user did or looks after, across cycles; only ever their own. */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly supports: SupportsService,
    private readonly supervision: SupervisionService,
  ) {}

  @Get('proposals')
  @SignedIn()
  @ApiOperation({ summary: 'My proposals, newest first, with their outcome / 我的建议' })
  @ApiOkResponse({ type: MyProposalPage })
  @ApiErrors(400)
  async myProposals(
    @CurrentUser() user: AuthUser,
    @Query() query: QueryMyProposalsDto,
  ): Promise<InstanceType<typeof MyProposalPage>> {
    const page = await this.proposals.listByAuthor(user.id, query);
    return MyProposalPage.from(page, (proposal) => ProposalResponse.from(proposal, user));
  }

  @Get('supports')
  @SignedIn()
  @ApiOperation({ summary: 'The proposals I support, newest support first / 我的附议' })
  @ApiOkResponse({ type: SupportedProposalPage })
  @ApiErrors(400)
  async supported(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<InstanceType<typeof SupportedProposalPage>> {
    const page = await this.supports.listFor(user.id, query);
    return SupportedProposalPage.from(page, (proposal) => SupportedProposalResponse.from(proposal));
  }

  @Get('supervised-projects')
  @Roles(Role.Deputy)
  @ApiOperation({ summary: 'The projects I supervise / 我监督的项目' })
  @ApiOkResponse({ type: [ProjectResponse] })
  async supervisedProjects(@CurrentUser() user: AuthUser): Promise<ProjectResponse[]> {
    const projects = await this.supervision.projectsSupervisedBy(user.id);
    return projects.map((project) => ProjectResponse.from(project));
  }
}
