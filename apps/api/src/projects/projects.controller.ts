import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { projectsCsv, ProjectsService, SupervisionService } from '@app/projects';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { AssignProjectDto, PostProgressDto } from './dto/project.dto.js';
import {
  FollowResponse,
  ProgressResponse,
  ProjectDetailResponse,
  ProjectResponse,
} from './dto/project.response.js';

const ProjectPage = PageResponseOf(ProjectResponse);

@ApiTags('projects')
@Controller()
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly supervision: SupervisionService,
  ) {}

  @Get('cycles/:id/projects')
  @Public()
  @ApiOperation({ summary: "A cycle's projects with progress and status / 民生实事项目" })
  @ApiOkResponse({ type: ProjectPage })
  @ApiErrors(400)
  async list(
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Query() query: PageQueryDto,
  ): Promise<InstanceType<typeof ProjectPage>> {
    const page = await this.projects.list(cycleId, query);
    return ProjectPage.from(page, (project) => ProjectResponse.from(project));
  }

  @Get('cycles/:id/projects/export')
  @Roles(Role.Secretariat, Role.Official)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: "The cycle's projects as CSV (Excel opens it) / 导出项目进展",
    description: 'UTF-8 with a byte-order mark, one row per project with progress and status.',
  })
  @ApiProduces('text/csv')
  @ApiErrors(400)
  async export(
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.header('content-disposition', `attachment; filename="projects-${cycleId}.csv"`);
    return projectsCsv(await this.projects.all(cycleId));
  }

  @Get('projects/:id')
  @Public()
  @ApiOperation({
    summary: 'A project: progress, milestones, status, supervision / 项目详情',
  })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectDetailResponse> {
    const [project, progress, supervisors, inspections] = await Promise.all([
      this.projects.get(id),
      this.projects.progressOf(id),
      this.supervision.supervisorsOf(id),
      this.supervision.inspectionsOf(id),
    ]);
    return ProjectDetailResponse.fromDetail(project, progress, supervisors, inspections);
  }

  @Patch('projects/:id')
  @Roles(Role.Secretariat, Role.Official)
  @ApiOperation({
    summary: 'Name the responsible official and co-departments / 确定责任人和配合单位',
    description: 'The secretariat or an official of the lead department.',
  })
  @ApiErrors(400, 403, 404, 422)
  async assign(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignProjectDto,
  ): Promise<ProjectResponse> {
    return ProjectResponse.from(await this.projects.assign(actor, id, dto));
  }

  @Post('projects/:id/progress')
  @Roles(Role.Official)
  @ApiOperation({
    summary: 'Report progress / 报告进展',
    description:
      'Officials of the lead department only. A lower percent than the last report needs a reason.',
  })
  @ApiErrors(400, 403, 404)
  async postProgress(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PostProgressDto,
  ): Promise<ProgressResponse> {
    return ProgressResponse.from(await this.projects.postProgress(actor, id, dto));
  }

  @Post('projects/:id/follow')
  @SignedIn()
  @ApiOperation({ summary: 'Follow a project / 关注项目' })
  @ApiErrors(400, 404)
  async follow(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FollowResponse> {
    return Object.assign(new FollowResponse(), await this.projects.follow(actor, id, true));
  }

  @Delete('projects/:id/follow')
  @SignedIn()
  @ApiOperation({ summary: 'Stop following a project / 取消关注' })
  @ApiErrors(400, 404)
  async unfollow(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FollowResponse> {
    return Object.assign(new FollowResponse(), await this.projects.follow(actor, id, false));
  }
}
