import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Page, RevealedPhone, TicketCategory, TicketStats, TicketSummary, TicketView, Workload } from '@wuye/contracts';
import { readIdempotencyKey } from '../../common/idempotency';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CategoriesService } from './categories.service';
import { ReplaceCategoriesDto } from './dto/category.dto';
import { CreateTicketDto, ListTicketsQuery, ProxyTicketDto, RatingDto, SimilarQuery, StatsQuery, TransitionDto } from './dto/ticket.dto';
import { TicketStatsService } from './stats.service';
import { TicketsService } from './tickets.service';
import { WorkloadService } from './workload.service';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per submission' };

/** The filed ticket; a retry that found the first one says so in `Idempotent-Replayed`. */
function answered({ ticket, replayed }: { ticket: TicketView; replayed: boolean }, res: FastifyReply): TicketView {
  if (replayed) res.header('Idempotent-Replayed', 'true');
  return ticket;
}

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
  @ApiHeader(IDEMPOTENCY_HEADER)
  async create(
    @Body() dto: CreateTicketDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TicketView> {
    return answered(await this.tickets.create(dto, caller, readIdempotencyKey(key)), res);
  }

  /** 代报: a manager, staff member or community office files what a caller reported by another channel. */
  @Post('tickets/on-behalf')
  @Allow('tickets.file_for')
  @ApiHeader(IDEMPOTENCY_HEADER)
  async fileOnBehalf(
    @Body() dto: ProxyTicketDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TicketView> {
    return answered(await this.tickets.fileOnBehalf(dto, caller, readIdempotencyKey(key)), res);
  }

  /** The full number to call back, for those handling the ticket; written to the audit log. */
  @Post('tickets/:id/contact-phone')
  @HttpCode(200)
  @Allow('tickets.read')
  revealPhone(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<RevealedPhone> {
    return this.tickets.revealPhone(id, caller);
  }

  /** Lists: mine, following, community (the board), inbox (manager), assigned (staff), return_visits (回访). Newest first. */
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

  /** Staff a manager can assign tickets to, each with the tickets they have open now (the manager spreads the load). */
  @Get('communities/:id/assignees')
  @Allow('tickets.handle')
  async assignees(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal) {
    const staff = await this.tickets.assignees(id, caller);
    const open = await this.workloads.openByAssignee(id);
    return staff.map((a) => ({ ...a, openTickets: open.get(a.id) ?? 0 }));
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
