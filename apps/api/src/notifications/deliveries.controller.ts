import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@app/common';
import { DeliveriesService } from '@app/notifications';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { Roles } from '../common/auth.decorators.js';
import { PageResponseOf } from '../common/page.response.js';
import { DeliveryIdParamsDto, DeliveryResponse, QueryDeliveriesDto } from './dto/delivery.dto.js';

const DeliveryPage = PageResponseOf(DeliveryResponse);

/** Email and webhook deliveries, for the secretariat to watch failures and send them again. */
@ApiTags('notifications')
@Controller('notifications/deliveries')
@Roles(Role.Secretariat)
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'Email and webhook deliveries, latest first / 通知投递记录' })
  @ApiOkResponse({ type: DeliveryPage })
  @ApiErrors(400)
  async list(@Query() query: QueryDeliveriesDto): Promise<InstanceType<typeof DeliveryPage>> {
    return DeliveryPage.from(await this.deliveries.list(query), (delivery) =>
      DeliveryResponse.from(delivery),
    );
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a failed delivery again / 重发失败的通知',
    description: 'Accepted: the worker sends it; only a failed delivery can be retried (409).',
  })
  @ApiErrors(400, 404, 409)
  async retry(@Param() params: DeliveryIdParamsDto): Promise<DeliveryResponse> {
    return DeliveryResponse.from(await this.deliveries.retry(params.id));
  }
}
