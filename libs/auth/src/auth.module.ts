import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '@app/audit';
import { UsersModule } from '@app/users';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { TokensService } from './tokens.service.js';

@Module({
  imports: [PassportModule, JwtModule.register({}), UsersModule, AuditModule],
  providers: [AuthService, TokensService, JwtStrategy, LocalStrategy],
  exports: [AuthService, TokensService],
})
export class AuthModule {}
