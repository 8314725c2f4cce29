import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { DepartmentsService } from '@app/users';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { CreateDepartmentDto, DepartmentResponse } from './dto/department.dto.js';

const DepartmentPage = PageResponseOf(DepartmentResponse);

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Government departments / 部门列表' })
  @ApiOkResponse({ type: DepartmentPage })
  @ApiErrors(400)
  async list(@Query() query: PageQueryDto): Promise<InstanceType<typeof DepartmentPage>> {
    return DepartmentPage.from(await this.departments.list(query), (department) =>
      DepartmentResponse.from(department),
    );
  }

  @Post()
  @Roles(Role.Secretariat)
  @ApiOperation({ summary: 'Add a department / 新增部门' })
  @ApiErrors(400, 409)
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateDepartmentDto,
  ): Promise<DepartmentResponse> {
    return DepartmentResponse.from(await this.departments.create(actor.id, dto.name));
  }
}
