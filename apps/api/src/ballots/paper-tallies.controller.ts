import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PaperTalliesService } from '@app/ballots';
import { Role, type AuthUser } from '@app/common';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { CreatePaperTallyDto, PaperVotersDto } from './dto/paper-tally.dto.js';
import { PaperTallyResponse, PaperVotersResponse } from './dto/paper-tally.response.js';

@ApiTags('ballots')
@Controller('ballots/:id')
export class PaperTalliesController {
  constructor(private readonly tallies: PaperTalliesService) {}

  @Post('paper-tallies')
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Enter a paper count / 录入纸质计票',
    description:
      'While open or closed. Returned > issued is refused; per candidate for + against + ' +
      'abstain must equal the valid ballots; paper and electronic together never exceed the ' +
      'deputies. Counts only once another secretariat user confirms it.',
  })
  @ApiErrors(400, 404, 409, 422)
  async enter(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) ballotId: string,
    @Body() dto: CreatePaperTallyDto,
  ): Promise<PaperTallyResponse> {
    return PaperTallyResponse.from(await this.tallies.enter(actor, ballotId, dto));
  }

  @Get('paper-tallies')
  @Roles(Role.Secretariat)
  @ApiOperation({ summary: "A ballot's paper counts / 纸质计票" })
  @ApiErrors(400, 404)
  async list(@Param('id', ParseUUIDPipe) ballotId: string): Promise<PaperTallyResponse[]> {
    return (await this.tallies.list(ballotId)).map((tally) => PaperTallyResponse.from(tally));
  }

  @Post('paper-tallies/:tallyId/confirm')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Confirm a paper count (another user) / 确认纸质计票',
    description: 'The user who entered it cannot confirm it (403).',
  })
  @ApiErrors(400, 403, 404, 409)
  async confirm(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) ballotId: string,
    @Param('tallyId', ParseUUIDPipe) tallyId: string,
  ): Promise<PaperTallyResponse> {
    return PaperTallyResponse.from(await this.tallies.confirm(actor, ballotId, tallyId));
  }

  @Post('paper-voters')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Record deputies voting on paper / 登记纸质投票代表',
    description:
      'When the paper ballots are handed out: these deputies can no longer vote electronically ' +
      '(nor anyone recorded twice). Kept apart from any paper count.',
  })
  @ApiErrors(400, 404, 409, 422)
  async recordPaperVoters(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) ballotId: string,
    @Body() dto: PaperVotersDto,
  ): Promise<PaperVotersResponse> {
    const recorded = await this.tallies.recordPaperVoters(actor, ballotId, dto.deputyIds);
    return Object.assign(new PaperVotersResponse(), { recorded });
  }
}
