import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from '@app/auth';
import type { AuthUser } from '@app/common';
import { UsersService, type User } from '@app/users';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, SignedIn } from '../common/auth.decorators.js';
import { LoginDto } from './dto/login.dto.js';
import { MeResponse } from './dto/me.response.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SessionResponse } from './dto/session.response.js';
import { LocalAuthGuard } from './local-auth.guard.js';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
@ApiErrors(429)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Register as a resident / 居民注册' })
  @ApiErrors(400, 409)
  async register(@Body() dto: RegisterDto): Promise<SessionResponse> {
    const user = await this.users.register(dto);
    return SessionResponse.from(await this.auth.startSession(user));
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email or phone / 登录' })
  @ApiBody({ type: LoginDto })
  @ApiErrors(400, 401)
  async login(@CurrentUser() user: User): Promise<SessionResponse> {
    return SessionResponse.from(await this.auth.startSession(user));
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair / 刷新登录',
    description: 'A refresh token works once; using it again ends every session of its sign-in.',
  })
  @ApiErrors(400, 401)
  async refresh(@Body() dto: RefreshDto): Promise<SessionResponse> {
    return SessionResponse.from(await this.auth.refresh(dto.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'End a sign-in / 退出登录' })
  @ApiErrors(400, 401)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.signOut(dto.refreshToken);
  }

  @Get('me')
  @SkipThrottle()
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user / 当前用户' })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return MeResponse.from(await this.users.findById(user.id));
  }
}
