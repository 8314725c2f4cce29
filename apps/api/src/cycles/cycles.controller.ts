import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { CyclesService } from '@app/cycles';
import { ProjectsService } from '@app/projects';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { CreateCycleDto, CycleResponse, MovePhaseDto } from './dto/cycle.dto.js';

const CyclePage = PageResponseOf(CycleResponse);

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly projects: ProjectsService,
  ) {}

  @Post()
  @Roles(Role.Secretariat)
  @ApiOperation({ summary: 'Open a new yearly cycle / 新建年度民生实事' })
  @ApiErrors(400)
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateCycleDto,
  ): Promise<CycleResponse> {
    const cycle = await this.cycles.create(actor, dto);
    return CycleResponse.from(await this.cycles.get(cycle.id));
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Cycles, newest year first, with counts / 年度列表' })
  @ApiOkResponse({ type: CyclePage })
  @ApiErrors(400)
  async list(@Query() query: PageQueryDto): Promise<InstanceType<typeof CyclePage>> {
    return CyclePage.from(await this.cycles.list(query), (cycle) => CycleResponse.from(cycle));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One cycle with its phase and counts / 年度详情' })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CycleResponse> {
    return CycleResponse.from(await this.cycles.get(id));
  }

  @Post(':id/phase')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Move the cycle to its next phase / 推进阶段',
    description:
      'draft → collecting → screening → balloting → implementing → evaluating → closed, one step at a time. ' +
      'Balloting needs more candidates than seats (at least as many when 等额 is allowed). ' +
      'Implementing needs every ballot counted and makes a project of each selected candidate.',
  })
  @ApiErrors(400, 404, 409)
  async movePhase(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MovePhaseDto,
  ): Promise<CycleResponse> {
    await this.cycles.movePhase(actor, id, dto.phase, async (manager, phase) => {
      if (phase === 'implementing') {
        await this.projects.createFromSelection(manager, actor, id);
      }
    });
    return CycleResponse.from(await this.cycles.get(id));
  }
}
