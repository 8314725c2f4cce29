import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The body of every error answer. */
export class ErrorResponse {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: '该邮箱已被注册 / This email address is already registered',
  })
  message: string | string[];

  @ApiProperty({ required: false, example: 'user.email_taken', description: 'Stable error code' })
  code?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation errors list the fields) / 请求数据无效',
  401: 'Not signed in, or the token is invalid or expired / 未登录或登录已失效',
  403: 'The signed-in user may not do this / 无权限',
  404: 'Not found / 不存在',
  409: 'Conflicts with the current state / 与当前状态冲突',
  413: 'Body larger than 1 MB / 请求体过大',
  422: 'Well-formed but breaks a rule / 违反业务规则',
  429: 'Too many requests, try again later / 请求过于频繁',
  503: 'A service the request needs is unavailable / 服务暂不可用',
};

/** Documents the error answers an endpoint may give. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse }),
    ),
  );
