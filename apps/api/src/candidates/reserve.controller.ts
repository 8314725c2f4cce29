import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReserveService } from '@app/candidates';
import { Role, type AuthUser } from '@app/common';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { PageResponseOf } from '../common/page.response.js';
import { ProposalResponse } from '../proposals/dto/proposal.response.js';
import { CarryProposalsDto } from './dto/reserve.dto.js';

const ReservePage = PageResponseOf(ProposalResponse);

@ApiTags('candidates')
@Controller('cycles/:id')
export class ReserveController {
  constructor(private readonly reserve: ReserveService) {}

  @Get('reserve')
  @Roles(Role.Official, Role.Secretariat)
  @ApiOperation({
    summary: "The cycle's reserve: accepted proposals that became no candidate / 储备库",
  })
  @ApiOkResponse({ type: ReservePage })
  @ApiErrors(400, 404)
  async list(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Query() query: PageQueryDto,
  ): Promise<InstanceType<typeof ReservePage>> {
    return ReservePage.from(await this.reserve.reserve(cycleId, query), (proposal) =>
      ProposalResponse.from(proposal, viewer),
    );
  }

  @Post('reserve-imports')
  @Roles(Role.Secretariat, Role.Official)
  @ApiOperation({
    summary: 'Carry reserve proposals of earlier cycles into this one / 从储备库转入',
    description:
      'Only while this cycle is screening. Each becomes a new accepted proposal of this cycle ' +
      'pointing back at its original; all of them or none.',
  })
  @ApiCreatedResponse({ type: [ProposalResponse] })
  @ApiErrors(400, 404, 409, 422)
  async carry(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Body() dto: CarryProposalsDto,
  ): Promise<ProposalResponse[]> {
    const carried = await this.reserve.carry(actor, cycleId, dto.proposalIds);
    return carried.map((proposal) => ProposalResponse.from(proposal, actor));
  }
}
