import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { RosterImportService, UsersService } from '@app/users';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { PageResponseOf } from '../common/page.response.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { QueryUsersDto } from './dto/query-users.dto.js';
import { RosterImportResponse } from './dto/roster-import.response.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserResponse } from './dto/user.response.js';

const UserPage = PageResponseOf(UserResponse);

@ApiTags('users')
@Controller('users')
@Roles(Role.Secretariat)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly roster: RosterImportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an account with roles / 创建账号' })
  @ApiErrors(400, 409)
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(actor, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List accounts / 账号列表' })
  @ApiOkResponse({ type: UserPage })
  @ApiErrors(400)
  async list(@Query() query: QueryUsersDto): Promise<InstanceType<typeof UserPage>> {
    return UserPage.from(await this.users.list(query), (user) => UserResponse.from(user));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account / 账号详情' })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.from(await this.users.findById(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, roles, department or active flag / 修改账号与角色' })
  @ApiErrors(400, 404)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(actor, id, dto));
  }

  @Post('import')
  @ApiOperation({
    summary: 'Import a CSV roster / 导入名册',
    description:
      'Header `displayName,email,phone,roles,department`; roles separated by `;`; department by name. ' +
      'Each row is imported whole or not at all; the answer reports every row and, once, the initial passwords.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'displayName,email,phone,roles,department\n张伟,zhangwei@example.cn,,deputy,\n',
    },
  })
  @ApiErrors(400, 415)
  async import(
    @CurrentUser() actor: AuthUser,
    @Headers('content-type') contentType: string | undefined,
    @Body() csv: unknown,
  ): Promise<RosterImportResponse> {
    // The media type, not the parsed body's type, decides: a JSON string is not a roster.
    const mediaType = contentType?.split(';')[0].trim().toLowerCase();
    if (mediaType !== 'text/csv' || typeof csv !== 'string') {
      throw new UnsupportedMediaTypeException(
        '名册须以 text/csv 上传 / Send the roster as text/csv',
      );
    }
    return RosterImportResponse.from(await this.roster.import(actor, csv));
  }
}
