import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { SupervisionService } from '@app/projects';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import {
  AssignSupervisorsDto,
  CreateInspectionDto,
  RespondInspectionDto,
} from './dto/project.dto.js';
import { InspectionResponse, SupervisorResponse } from './dto/project.response.js';

@ApiTags('projects')
@Controller()
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Post('projects/:id/supervisors')
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Assign the supervising deputies / 组建代表监督小组',
    description: 'The list replaces the group.',
  })
  @ApiErrors(400, 404, 422)
  async assign(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) projectId: string,
    @Body() dto: AssignSupervisorsDto,
  ): Promise<SupervisorResponse[]> {
    const supervisors = await this.supervision.assignSupervisors(actor, projectId, dto.deputyIds);
    return supervisors.map((supervisor) => SupervisorResponse.from(supervisor));
  }

  @Post('projects/:id/inspections')
  @Roles(Role.Deputy)
  @ApiOperation({
    summary: 'Log an inspection / 记录视察',
    description: 'Deputies supervising the project only.',
  })
  @ApiErrors(400, 403, 404, 422)
  async log(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateInspectionDto,
  ): Promise<InspectionResponse> {
    return InspectionResponse.from(await this.supervision.logInspection(actor, projectId, dto));
  }

  @Post('inspections/:id/response')
  @Roles(Role.Official)
  @ApiOperation({
    summary: 'Answer an inspection / 答复视察意见',
    description: 'Officials of the lead department, once; due within 15 days.',
  })
  @ApiErrors(400, 403, 404, 409)
  async respond(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RespondInspectionDto,
  ): Promise<InspectionResponse> {
    return InspectionResponse.from(await this.supervision.respond(actor, id, dto.response));
  }
}
