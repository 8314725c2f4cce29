import { Module } from '@nestjs/common';
import { UsersModule } from '@app/users';
import { DepartmentsController } from './departments.controller.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [UsersModule],
  controllers: [UsersController, DepartmentsController],
})
export class UsersApiModule {}
