import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidatesService } from '@app/candidates';
import { Role, type AuthUser } from '@app/common';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { CreateCandidateDto, UpdateCandidateDto } from './dto/candidate.dto.js';
import { CandidateResponse } from './dto/candidate.response.js';

const CandidatePage = PageResponseOf(CandidateResponse);

@ApiTags('candidates')
@Controller()
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post('cycles/:id/candidates')
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: 'Draft a candidate project from accepted proposals / 起草候选项目',
    description:
      'Only while the cycle is screening and its list is not frozen. Each source proposal must be ' +
      'an accepted proposal of the cycle that no other candidate uses. An official may only name ' +
      'their own department as lead.',
  })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Body() dto: CreateCandidateDto,
  ): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.create(actor, cycleId, dto));
  }

  @Get('cycles/:id/candidates')
  @Public()
  @ApiOperation({
    summary: "A cycle's candidate list / 候选项目名单",
    description: 'Public from balloting on; before that only officials and the secretariat.',
  })
  @ApiOkResponse({ type: CandidatePage })
  @ApiErrors(400, 403, 404)
  async list(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Query() query: PageQueryDto,
  ): Promise<InstanceType<typeof CandidatePage>> {
    return CandidatePage.from(await this.candidates.list(viewer, cycleId, query), (candidate) =>
      CandidateResponse.from(candidate),
    );
  }

  @Get('candidates/:id')
  @Public()
  @ApiOperation({
    summary: 'One candidate with its source proposals / 候选项目详情',
    description: 'Public from balloting on; before that only officials and the secretariat.',
  })
  @ApiErrors(400, 403, 404)
  async get(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.get(viewer, id));
  }

  @Patch('candidates/:id')
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: 'Change a candidate / 修改候选项目',
    description:
      'Only while screening; officials of the lead department or the secretariat. ' +
      '`sourceProposalIds` replaces the whole list of sources.',
  })
  @ApiErrors(400, 404, 409, 422)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCandidateDto,
  ): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.update(actor, id, dto));
  }

  @Delete('candidates/:id')
  @HttpCode(204)
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: 'Remove a candidate; its proposals return to the reserve / 删除候选项目',
    description: 'Only while screening; officials of the lead department or the secretariat.',
  })
  @ApiErrors(400, 404, 409)
  async remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.candidates.delete(actor, id);
  }
}
