import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BallotView, Page, VoteSummary, VoteView } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CastBallotDto, CreateVoteDto, PaperBallotStepDto, UpdateVoteDto, VotesQuery, VoteStepDto } from './dto/vote.dto';
import { VotesService } from './votes.service';

@ApiTags('votes')
@ApiBearerAuth()
@Controller('votes')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  /** Votes of the caller's estates (?communityId=): open and closed ones; drafts too for the committee and the office. */
  @Get()
  @Allow('votes.read')
  list(@Query() query: VotesQuery, @Caller() caller: Principal): Promise<Page<VoteSummary>> {
    return this.votes.list(query, caller);
  }

  /** The committee chair drafts a matter for the owners' vote (民法典 278). */
  @Post()
  @Allow('votes.draft')
  create(@Body() dto: CreateVoteDto, @Caller() caller: Principal): Promise<VoteView> {
    return this.votes.create(dto, caller);
  }

  /** The matter, its options and documents; while open only the turnout, once closed the frozen result. */
  @Get(':id')
  @Allow('votes.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<VoteView> {
    return this.votes.get(id, caller);
  }

  @Put(':id')
  @Allow('votes.draft')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateVoteDto, @Caller() caller: Principal): Promise<VoteView> {
    return this.votes.update(id, dto, caller);
  }

  /** 提交审批 (chair), 批准开始投票 / 退回修改 (community office), 撤回 (chair): the steps the `can` answer allows. */
  @Post(':id/actions')
  @HttpCode(200)
  @Allow('votes.draft', 'votes.approve')
  step(@Param('id', ParseIdPipe) id: number, @Body() dto: VoteStepDto, @Caller() caller: Principal): Promise<VoteView> {
    return this.votes.step(id, dto, caller);
  }

  /**
   * Individual ballots: every one for the committee and the office, an owner's own houses' for an owner on the frozen
   * voter list (who may no longer hold the house: the list, not today's bindings, decides). VotesService checks.
   */
  @Get(':id/ballots')
  @SignedIn()
  ballots(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<BallotView[]> {
    return this.votes.ballots(id, caller);
  }

  /** One house's ballot: an owner on the frozen voter list, or a paper ballot the committee enters with its photo. */
  @Post(':id/ballots')
  @SignedIn()
  cast(@Param('id', ParseIdPipe) id: number, @Body() dto: CastBallotDto, @Caller() caller: Principal): Promise<BallotView> {
    return this.votes.cast(id, dto, caller);
  }

  /**
   * 确认 / 退回 a paper ballot the committee entered: the community office over the estate, having looked at its
   * photo. Confirmed, it counts; sent back (with the reason), the house may vote again. Never the committee itself.
   */
  @Post(':id/ballots/:ballotId/actions')
  @HttpCode(200)
  @Allow('votes.approve')
  paperStep(@Param('id', ParseIdPipe) id: number, @Param('ballotId', ParseIdPipe) ballotId: number, @Body() dto: PaperBallotStepDto, @Caller() caller: Principal): Promise<BallotView> {
    return this.votes.paperStep(id, ballotId, dto, caller);
  }

  /** Ends the vote (its window ended, or every house has voted) and publishes the result in the disclosure chain. */
  @Post(':id/close')
  @HttpCode(200)
  @Allow('votes.close')
  async close(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<VoteView> {
    return (await this.votes.close(id, caller)) as VoteView;
  }
}
