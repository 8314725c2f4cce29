import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { BallotCountService, BallotsService, rectificationsOf, resultCsv } from '@app/ballots';
import { MilestonesService } from '@app/projects';
import { Role, type AuthUser } from '@app/common';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth.decorators.js';
import { CastVoteDto, CountBallotDto, CreateBallotDto } from './dto/ballot.dto.js';
import {
  BallotResponse,
  CreatedBallotResponse,
  MyVoteResponse,
  ReceiptResponse,
} from './dto/ballot.response.js';
import {
  BallotResultResponse,
  BulletinResponse,
  EvaluationResultResponse,
  resultResponse,
} from './dto/ballot-result.response.js';

/** A selection (or runoff) result, or an evaluation's ratings. */
const RESULT_SCHEMA = {
  schema: {
    oneOf: [
      { $ref: getSchemaPath(BallotResultResponse) },
      { $ref: getSchemaPath(EvaluationResultResponse) },
    ],
  },
};

@ApiTags('ballots')
@ApiExtraModels(BallotResultResponse, EvaluationResultResponse)
@Controller()
export class BallotsController {
  constructor(
    private readonly ballots: BallotsService,
    private readonly counting: BallotCountService,
    private readonly milestones: MilestonesService,
  ) {}

  @Post('cycles/:id/ballots')
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Create a ballot with its sealed box / 建立投票',
    description:
      'Only while balloting (selection, runoff). Freezes the electorate (the active deputies) ' +
      'and, for a selection ballot, the candidate list. The answer carries `keyShares`, the ' +
      'scrutineers’ shares of the key that opens the box: shown only here, stored nowhere.',
  })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) cycleId: string,
    @Body() dto: CreateBallotDto,
  ): Promise<CreatedBallotResponse> {
    return CreatedBallotResponse.fromCreated(await this.ballots.create(actor, cycleId, dto));
  }

  @Get('cycles/:id/ballots')
  @SignedIn()
  @ApiOperation({ summary: "A cycle's ballots / 本年度的投票" })
  async list(@Param('id', ParseUUIDPipe) cycleId: string): Promise<BallotResponse[]> {
    return (await this.ballots.listForCycle(cycleId)).map((ballot) => BallotResponse.from(ballot));
  }

  @Get('ballots/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'A ballot: status, candidates and the number cast / 投票详情',
    description: 'Before the count only `castCount` is shown; no count of marks exists.',
  })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<BallotResponse> {
    return BallotResponse.from(await this.ballots.get(id));
  }

  @Post('ballots/:id/open')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({ summary: 'Open a scheduled ballot / 开始投票' })
  @ApiErrors(400, 404, 409)
  async open(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BallotResponse> {
    return BallotResponse.from(await this.ballots.open(actor, id));
  }

  @Post('ballots/:id/close')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'End casting / 结束投票',
    description: 'Waits for casts in flight; none is accepted after. Also automatic at closesAt.',
  })
  @ApiErrors(400, 404, 409)
  async close(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BallotResponse> {
    return BallotResponse.from(await this.ballots.close(actor, id));
  }

  @Post('ballots/:id/count')
  @HttpCode(200)
  @Roles(Role.Secretariat)
  @ApiOperation({
    summary: 'Open the sealed box and count / 开箱计票',
    description:
      'With at least `sharesRequired` of the scrutineers’ key shares. Too few, mistyped or ' +
      'wrong shares are refused (422) and nothing changes. Every paper count must be confirmed.',
  })
  @ApiOkResponse(RESULT_SCHEMA)
  @ApiErrors(400, 404, 409, 422)
  async count(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CountBallotDto,
  ): Promise<BallotResultResponse | EvaluationResultResponse> {
    const result = await this.counting.count(actor, id, dto.shares, async (manager, counted) => {
      if (counted.kind === 'evaluation') {
        await this.milestones.requireRectification(manager, id, rectificationsOf(counted.result));
      }
    });
    return resultResponse(result);
  }

  @Post('ballots/:id/votes')
  @Roles(Role.Deputy)
  @ApiOperation({
    summary: 'Cast your secret ballot / 投票',
    description:
      'Once, while open, by a deputy of the electorate. Unmarked candidates count as abstain; ' +
      'more `for` marks than seats, or an unknown or repeated candidate, is refused (422). ' +
      'The answer’s receipt is shown once.',
  })
  @ApiErrors(400, 403, 404, 409, 422)
  async castVote(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CastVoteDto,
  ): Promise<ReceiptResponse> {
    const choices = dto.choices.map((choice) => ({
      itemId: choice.candidateId ?? choice.projectId ?? '',
      mark: choice.mark,
    }));
    return Object.assign(new ReceiptResponse(), await this.ballots.castVote(actor, id, choices));
  }

  @Get('ballots/:id/my-vote')
  @Roles(Role.Deputy)
  @ApiOperation({ summary: 'Whether you voted, and how — never what / 我的投票状态' })
  @ApiErrors(400, 404)
  async myVote(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MyVoteResponse> {
    return Object.assign(new MyVoteResponse(), await this.ballots.myVote(actor, id));
  }

  @Get('ballots/:id/result')
  @Public()
  @ApiOperation({ summary: 'The result, once counted / 计票结果' })
  @ApiOkResponse(RESULT_SCHEMA)
  @ApiErrors(400, 404, 409)
  async result(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BallotResultResponse | EvaluationResultResponse> {
    return resultResponse(await this.counting.result(id));
  }

  @Get('ballots/:id/result/export')
  @Public()
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'The result as CSV (Excel opens it) / 导出计票结果',
    description: 'Once counted. UTF-8 with a byte-order mark; one row per candidate, then totals.',
  })
  @ApiProduces('text/csv')
  @ApiErrors(400, 404, 409)
  async exportResult(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const [result, ballot] = await Promise.all([this.counting.result(id), this.ballots.get(id)]);
    void reply.header('content-disposition', `attachment; filename="ballot-${id}-result.csv"`);
    return resultCsv(result, new Map(ballot.items.map((item) => [item.id, item.title])));
  }

  @Get('ballots/:id/bulletin')
  @Public()
  @ApiOperation({
    summary: 'The bulletin: receipt hashes and the opened ballots, shuffled / 计票公告',
    description: 'Once counted. Anyone can find their receipt’s hash and recount.',
  })
  @ApiErrors(400, 404, 409)
  async bulletin(@Param('id', ParseUUIDPipe) id: string): Promise<BulletinResponse> {
    return BulletinResponse.from(await this.counting.bulletin(id));
  }
}
