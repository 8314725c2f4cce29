import { Body, Controller, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { districtDate, MilestonesService } from '@app/projects';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { CreateMilestoneDto, UpdateMilestoneDto } from './dto/project.dto.js';
import { MilestoneResponse } from './dto/project.response.js';

@ApiTags('projects')
@Controller()
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Post('projects/:id/milestones')
  @Roles(Role.Official)
  @ApiOperation({
    summary: 'Add a milestone / 添加节点',
    description: 'Officials of the lead department only.',
  })
  @ApiErrors(400, 403, 404)
  async add(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateMilestoneDto,
  ): Promise<MilestoneResponse> {
    return MilestoneResponse.from(await this.milestones.add(actor, projectId, dto), districtDate());
  }

  @Patch('milestones/:id')
  @Roles(Role.Official)
  @ApiOperation({
    summary: 'Change or complete a milestone / 修改或完成节点',
    description: 'Officials of the lead department only.',
  })
  @ApiErrors(400, 403, 404)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateMilestoneDto,
  ): Promise<MilestoneResponse> {
    return MilestoneResponse.from(await this.milestones.update(actor, id, dto), districtDate());
  }
}
