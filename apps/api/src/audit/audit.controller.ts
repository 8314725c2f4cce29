import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService, AuditVerificationsService } from '@app/audit';
import { Role, type AuthUser } from '@app/common';
import { AuditJobsProducer } from '@app/queues';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import {
  AuditEntryResponse,
  AuditVerificationResponse,
  ChainCheckResponse,
  QueryAuditDto,
  VerificationRequestedResponse,
} from './dto/audit.dto.js';

const AuditEntryPage = PageResponseOf(AuditEntryResponse);
const AuditVerificationPage = PageResponseOf(AuditVerificationResponse);

@ApiTags('audit')
@Controller('audit')
@Roles(Role.Secretariat)
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verifications: AuditVerificationsService,
    private readonly jobs: AuditJobsProducer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first / 审计日志' })
  @ApiOkResponse({ type: AuditEntryPage })
  @ApiErrors(400)
  async list(@Query() query: QueryAuditDto): Promise<InstanceType<typeof AuditEntryPage>> {
    return AuditEntryPage.from(await this.audit.list(query), (entry) =>
      AuditEntryResponse.from(entry),
    );
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chain now / 校验审计链',
    description: 'Recomputes every link; `brokenAt` names the first entry that does not follow.',
  })
  async verify(): Promise<ChainCheckResponse> {
    return ChainCheckResponse.from(await this.audit.verify());
  }

  @Post('verifications')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask the worker to verify the chain / 请求后台校验审计链' })
  @ApiErrors(503)
  async requestVerification(
    @CurrentUser() actor: AuthUser,
  ): Promise<VerificationRequestedResponse> {
    return { jobId: await this.jobs.requestVerification(actor.id) };
  }

  @Get('verifications')
  @ApiOperation({ summary: 'Outcomes of the background verifications / 后台校验记录' })
  @ApiOkResponse({ type: AuditVerificationPage })
  @ApiErrors(400)
  async verificationsList(
    @Query() query: PageQueryDto,
  ): Promise<InstanceType<typeof AuditVerificationPage>> {
    return AuditVerificationPage.from(await this.verifications.list(query), (verification) =>
      AuditVerificationResponse.from(verification),
    );
  }
}
