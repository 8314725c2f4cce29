import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { UsersModule } from '@app/users';
import { AuthController } from './auth.controller.js';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [AuthController],
})
export class AuthApiModule {}
