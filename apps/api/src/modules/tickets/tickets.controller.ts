import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Page, TicketCategory, TicketStats, TicketSummary, TicketView, Workload } from '@wuye/contracts';
import { idempotencyKey } from '../../common/idempotency';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CategoriesService } from './categories.service';
import { ReplaceCategoriesDto } from './dto/category.dto';
import { CreateTicketDto, ListTicketsQuery, RatingDto, SimilarQuery, StatsQuery, TransitionDto } from './dto/ticket.dto';
import { TicketStatsService } from './stats.service';
import { TicketsService } from './tickets.service';
import { WorkloadService } from './workload.service';


@ApiTags('tickets')
@ApiBearerAuth()
@Controller()
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly categories: CategoriesService,
    private readonly stats: TicketStatsService,
    private readonly workloads: WorkloadService,
  ) {}

  /** 随手拍: report a problem. A retried submission with the same Idempotency-Key returns the same ticket. */
  @Post('tickets')
  @Allow('tickets.report')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per submission' })
  async create(
    @Body() dto: CreateTicketDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TicketView> {
    const { ticket, replayed } = await this.tickets.create(dto, caller, idempotencyKey(key));
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return ticket;
  }

  /** Lists: mine, following, community (the board), inbox (manager), assigned (staff). Newest first. */
  @Get('tickets')
  @Allow('tickets.read')
  list(@Query() query: ListTicketsQuery, @Caller() caller: Principal): Promise<Page<TicketSummary>> {
    return this.tickets.list(query, caller);
  }

  /** Open public tickets like the one about to be filed (same category and place, last 7 days). */
  @Get('tickets/similar')
  @Allow('tickets.report')
  similar(@Query() query: SimilarQuery, @Caller() caller: Principal): Promise<TicketSummary[]> {
    return this.tickets.similar(query, caller);
  }

  @Get('tickets/:id')
  @Allow('tickets.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.get(id, caller);
  }

  /** One step of the lifecycle (TICKET_TRANSITIONS); `version` must be the one the caller saw. */
  @Post('tickets/:id/transitions')
  @HttpCode(200)
  @Allow('tickets.read')
  transition(@Param('id', ParseIdPipe) id: number, @Body() dto: TransitionDto, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.transition(id, dto, caller);
  }

  @Post('tickets/:id/rating')
  @HttpCode(200)
  @Allow('tickets.read')
  rate(@Param('id', ParseIdPipe) id: number, @Body() dto: RatingDto, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.rate(id, dto, caller);
  }

  /** 催办 an overdue ticket (reporter or follower, once an hour). */
  @Post('tickets/:id/urge')
  @HttpCode(200)
  @Allow('tickets.read')
  urge(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.urge(id, caller);
  }

  /** "我也遇到了" (+1): follow a neighbour's ticket. */
  @Post('tickets/:id/follow')
  @HttpCode(200)
  @Allow('tickets.report')
  follow(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.follow(id, caller);
  }

  @Post('tickets/:id/unfollow')
  @HttpCode(200)
  @Allow('tickets.read')
  unfollow(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<TicketView> {
    return this.tickets.unfollow(id, caller);
  }

  @Get('communities/:id/ticket-categories')
  @Allow('tickets.read')
  listCategories(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<TicketCategory[]> {
    return this.categories.list(id, caller);
  }

  /** Replaces the estate's categories and deadlines; categories left out stay, inactive, for old tickets. */
  @Put('communities/:id/ticket-categories')
  @Allow('categories.manage')
  replaceCategories(@Param('id', ParseIdPipe) id: number, @Body() dto: ReplaceCategoriesDto, @Caller() caller: Principal): Promise<TicketCategory[]> {
    return this.categories.replace(id, dto, caller);
  }

  /** Staff a manager can assign tickets to. */
  @Get('communities/:id/assignees')
  @Allow('tickets.handle')
  assignees(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal) {
    return this.tickets.assignees(id, caller);
  }

  /** The workbench's badges: 待受理, overdue, assigned to me, bindings to review — each where the caller's roles cover it. */
  @Get('communities/:id/workload')
  @SignedIn()
  workload(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<Workload> {
    return this.workloads.forCommunity(id, caller);
  }

  @Get('communities/:id/ticket-stats')
  @Allow('stats.read')
  statistics(@Param('id', ParseIdPipe) id: number, @Query() query: StatsQuery, @Caller() caller: Principal): Promise<TicketStats> {
    return this.stats.forCommunity(id, query.from, query.to, caller);
  }
}
