import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  OPEN_TICKET_STATES,
  SIMILAR_WINDOW_DAYS,
  TICKET_SOURCE_LABELS,
  channelHasCaller,
  URGE_INTERVAL_MINUTES,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  type Page,
  type RevealedPhone,
  type TicketKind,
  type TicketSource,
  type TicketSummary,
  type TicketView,
  type TicketVisibility,
  shanghaiDate,
} from '@wuye/contracts';
import { DomainError, conflict, forbidden, invalid, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor } from '../../common/pagination';
import { RawColumns, rawQuery } from '../../database/raw';
import { HouseBinding } from '../identity/house-binding.entity';
import type { Principal } from '../identity/principal';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { activeContractsQuery } from '../org/contracts.service';
import { User } from '../identity/user.entity';
import { ContentSecurityService } from '../content/content-security.service';
import { UploadsService } from '../uploads/uploads.service';
import { CategoriesService } from './categories.service';
import { OVERDUE_SQL, overdueParams, ticketDeadlines } from './deadlines';
import { CreateTicketDto, ListTicketsQuery, ProxyTicketDto, RatingDto, SimilarQuery, TransitionDto } from './dto/ticket.dto';
import { authConfig, type AuthConfig } from '../../config';
import { AuditService } from '../identity/audit.service';
import { decryptPhone, encryptPhone, maskPhone, normalizePhone } from '../identity/phone';
import { House } from '../org/house.entity';
import { retryingTransaction } from '../../database/transactions';
import { ticketActions, type StepActor } from './lifecycle';
import { TicketEvent } from './ticket-event.entity';
import { TicketLifecycleService } from './ticket-lifecycle.service';
import { TicketFollower } from './ticket-follower.entity';
import { SUMMARY_FIELDS, TicketViewsService, type TicketListRow, type ViewerLevel } from './ticket-views.service';
import { Ticket } from './ticket.entity';
import { communityScopeFor } from '../identity/scope';
import type { Policy } from '../identity/policies';
import { neighbourMask } from '../identity/people';

/** What a new ticket carries besides who filed it. */
export interface NewTicket {
  communityId: number;
  kind: TicketKind;
  categoryCode: string;
  description: string;
  photoIds: number[];
  houseId?: number | null;
  place?: string | null;
  lat?: number | null;
  long?: number | null;
}

/**
 * 随手拍 to 办结: reporting, reading, and the steps people take on a ticket (受理, 转办, 反馈, 评价, 催办, 我也遇到).
 * Each step is planned and carried out by the ticket lifecycle (lifecycle.ts, TicketLifecycleService); this service
 * finds the ticket, says who the caller is to it, and checks what needs I/O (assignee, content security).
 */
/** A filed ticket as the filer sees it; `replayed` when a retry found the first one. */
type Filed = { ticket: TicketView; replayed: boolean };

@Injectable()
export class TicketsService {
  private readonly listColumns: RawColumns<Ticket, (typeof SUMMARY_FIELDS)[number]>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly categories: CategoriesService,
    private readonly uploads: UploadsService,
    private readonly views: TicketViewsService,
    private readonly notifications: NotificationsService,
    private readonly content: ContentSecurityService,
    private readonly lifecycle: TicketLifecycleService,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {
    this.listColumns = new RawColumns(db, Ticket, 't', SUMMARY_FIELDS);
  }

  // ─── Reporting ────────────────────────────────────────────────────────────────────────────────────────────

  async create(dto: CreateTicketDto, caller: Principal, idempotencyKey?: string): Promise<Filed> {
    if (!caller.mayInCommunity('tickets.report', dto.communityId)) throw notFound('community');
    return this.fileOnce('reporter_id', caller, idempotencyKey, async () => {
      const verdict = await this.content.checkText(caller.userId, dto.description, 3);
      // Filed by the estate's own property side: 内部报事, not a resident's (never rated by them, counted apart).
      const source = caller.mayInCommunity('tickets.property', dto.communityId) ? 'internal' : 'app';
      const ticket = await this.insertTicket(dto, { reporterId: caller.userId, source, idempotencyKey: idempotencyKey ?? null, heldForReview: verdict === 'review' });
      if (ticket.visibility === 'public' && ticket.photoIds.length) await this.content.submitPhotos(caller.userId, await this.uploads.findByIds(ticket.photoIds));
      return ticket;
    });
  }

  /**
   * A submission the caller may retry (a lost answer, the outbox sending again): with the same Idempotency-Key it
   * answers with the ticket the first one filed, also when both arrive at once (the unique key lets one in).
   */
  private async fileOnce(by: 'reporter_id' | 'filed_by_id', caller: Principal, key: string | undefined, file: () => Promise<Ticket>): Promise<Filed> {
    const earlier = async () => {
      if (!key) return null;
      const [row] = await rawQuery<{ id: number }>(this.db, `SELECT id FROM ticket WHERE ${by} = :me AND idempotency_key = :key`, { me: caller.userId, key });
      return row ? { ticket: await this.get(Number(row.id), caller), replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;
    let ticket: Ticket;
    try {
      ticket = await file();
    } catch (error) {
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    return { ticket: await this.view(ticket, caller, false), replayed: false };
  }

  /**
   * 代报: the estate's manager or staff, or its community office, file what a caller reported by another channel
   * (12345, 信访, 来访, 电话, 物业投诉直通车) or what an inspection found. The caller's name and phone are kept (the
   * phone encrypted); the ticket has no app reporter, so it gets a return visit once resolved.
   */
  async fileOnBehalf(dto: ProxyTicketDto, caller: Principal, idempotencyKey?: string): Promise<Filed> {
    if (!caller.mayInCommunity('tickets.file_for', dto.communityId)) throw notFound('community');
    const withCaller = channelHasCaller(dto.channel);
    const name = dto.callerName?.trim() || null;
    if (withCaller && (!name || !dto.callerPhone?.trim())) throw invalid(`请填写${TICKET_SOURCE_LABELS[dto.channel]}反映人的姓名和电话`, { field: name ? 'callerPhone' : 'callerName' }, 'CALLER_REQUIRED');
    const phone = dto.callerPhone?.trim() ? normalizePhone(dto.callerPhone) : null;
    if (dto.callerPhone?.trim() && !phone) throw invalid('请填写正确的手机号或座机号（座机带区号）', { field: 'callerPhone' }, 'INVALID_PHONE');
    if (dto.houseId && !(await this.db.getRepository(House).existsBy({ id: dto.houseId, communityId: dto.communityId }))) {
      throw invalid('请选择本小区的房屋', { field: 'houseId' }, 'INVALID_HOUSE');
    }
    const actor: StepActor = caller.mayInCommunity('tickets.handle', dto.communityId) ? 'manager' : caller.mayInCommunity('tickets.property', dto.communityId) ? 'staff' : 'office';
    return this.fileOnce('filed_by_id', caller, idempotencyKey, async () =>
      this.insertTicket(dto, {
        reporterId: null,
        source: dto.channel,
        idempotencyKey: idempotencyKey ?? null,
        heldForReview: (await this.content.checkText(caller.userId, dto.description, 3)) === 'review',
        reporterMask: `${TICKET_SOURCE_LABELS[dto.channel]}反映`,
        filer: {
          id: caller.userId,
          actor,
          callerName: withCaller ? name : null,
          callerPhoneCipher: withCaller && phone ? encryptPhone(phone, this.auth.phoneKey) : null,
          callerPhoneMasked: withCaller && phone ? maskPhone(phone) : null,
        },
      }),
    );
  }

  /**
   * Shared by the app, the Open311 hotline intake and 代报. Returns the new ticket as stored; `alongside` writes what
   * belongs to it in the same transaction.
   */
  async insertTicket(
    input: NewTicket,
    origin: {
      reporterId: number | null;
      source: TicketSource;
      idempotencyKey: string | null;
      heldForReview: boolean;
      reporterMask?: string;
      /** Whose uploads the photos are when there is no reporter (the hotline's account). */
      photoOwnerId?: number;
      /** 代报: who filed it, as whom, for which caller. */
      filer?: { id: number; actor: StepActor; callerName: string | null; callerPhoneCipher: string | null; callerPhoneMasked: string | null };
    },
    alongside?: (m: EntityManager, ticket: Ticket) => Promise<unknown>,
  ): Promise<Ticket> {
    const [community] = await rawQuery<{ id: number; areaPath: string }>(this.db, 'SELECT id, area_path AS areaPath FROM community WHERE id = :id', { id: input.communityId });
    if (!community) throw notFound('community');
    const category = await this.categories.find(input.communityId, input.categoryCode);
    if (!category || !category.active) throw invalid('请选择本小区的工单分类', { field: 'categoryCode' }, 'INVALID_CATEGORY');
    const description = input.description.trim();
    if (!description) throw invalid('请描述一下问题', { field: 'description' });

    let mask = origin.reporterMask ?? '居民';
    if (origin.reporterId !== null) mask = await neighbourMask(this.db, origin.reporterId, input.communityId);
    if (input.houseId && !origin.filer) {
      const own = origin.reporterId !== null && (await this.db.getRepository(HouseBinding).existsBy({ userId: origin.reporterId, houseId: input.houseId, communityId: input.communityId, state: 'approved' }));
      if (!own) throw invalid('只能选择您已绑定的本小区房屋', { field: 'houseId' }, 'INVALID_HOUSE');
    }
    // Own-house repairs and complaints stay between the reporter and the property; the rest is on the board.
    const visibility: TicketVisibility = input.houseId || input.kind === 'complaint' ? 'private' : 'public';
    const now = new Date();
    const due = ticketDeadlines(now, category);

    const saved = await retryingTransaction(this.db, async (m) => {
      const uploader = origin.filer?.id ?? origin.reporterId ?? origin.photoOwnerId ?? null;
      const photos = uploader !== null ? await this.uploads.claim(input.photoIds, uploader, m) : [];
      const saved = await m.getRepository(Ticket).save(
        m.getRepository(Ticket).create({
          communityId: Number(community.id),
          areaPath: community.areaPath,
          reporterId: origin.reporterId,
          source: origin.source,
          filedById: origin.filer?.id ?? null,
          callerName: origin.filer?.callerName ?? null,
          callerPhoneCipher: origin.filer?.callerPhoneCipher ?? null,
          callerPhoneMasked: origin.filer?.callerPhoneMasked ?? null,
          returnVisit: null,
          returnVisitTries: 0,
          returnVisitTriedOn: null,
          kind: input.kind,
          categoryCode: category.code,
          categoryName: category.name,
          emergency: category.emergency,
          description,
          photoIds: photos.map((p) => p.id),
          houseId: input.houseId ?? null,
          place: input.place?.trim() || null,
          lat: input.lat ?? null,
          long: input.long ?? null,
          visibility,
          reporterMask: mask,
          state: 'submitted',
          assigneeId: null,
          externalAssignee: null,
          ...due,
          acceptedAt: null,
          resolvedAt: null,
          closedAt: null,
          responseOverdueAt: null,
          resolutionOverdueAt: null,
          respondedOnTime: null,
          resolvedOnTime: null,
          escalatedAt: null,
          reopenCount: 0,
          followerCount: 0,
          ratingStars: null,
          ratingTags: null,
          ratingComment: null,
          ratedAt: null,
          heldForReview: origin.heldForReview,
          idempotencyKey: origin.idempotencyKey,
          // The same instant the deadlines count from (SQLite's own default has only whole seconds).
          createdAt: now,
        }),
      );
      const actor: StepActor = origin.filer?.actor ?? (origin.reporterId === null ? 'hotline' : 'reporter');
      await this.lifecycle.apply(m, saved, this.lifecycle.plan(saved, { kind: 'create' }, { now, actorId: origin.filer?.id ?? origin.reporterId, actors: [actor] }));
      if (alongside) await alongside(m, saved);
      return saved;
    });
    this.notifications.kick();
    return saved;
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────────────────────────

  /** How much of this ticket the caller sees, or null: then it answers 404. */
  viewerLevel(t: Pick<Ticket, 'communityId' | 'reporterId' | 'visibility' | 'heldForReview'>, caller: Principal, following = false): ViewerLevel | null {
    if (caller.mayInCommunity('tickets.property', t.communityId)) return 'property';
    if (t.reporterId === caller.userId) return 'reporter';
    // The estate's community office: what oversight reads, and whom to call back (回访).
    if (caller.mayInCommunity('tickets.visit', t.communityId) && caller.mayInCommunity('oversight.read', t.communityId)) return 'office';
    if (caller.mayInCommunity('oversight.read', t.communityId)) return 'oversight';
    const onBoard = t.visibility === 'public' && !t.heldForReview && caller.mayInCommunity('tickets.read', t.communityId);
    return onBoard || (following && t.visibility === 'public') ? 'neighbour' : null;
  }

  /** What the caller is to this ticket, for the lifecycle's rules. */
  private actorsOf(t: Pick<Ticket, 'reporterId' | 'communityId' | 'assigneeId'>, caller: Principal, following = false): StepActor[] {
    const actors: StepActor[] = [];
    if (t.reporterId === caller.userId) actors.push('reporter');
    if (caller.mayInCommunity('tickets.handle', t.communityId)) actors.push('manager');
    if (t.assigneeId === caller.userId && caller.mayInCommunity('tickets.work', t.communityId)) actors.push('assignee');
    if (caller.mayInCommunity('tickets.visit', t.communityId) && caller.mayInCommunity('escalations.handle', t.communityId)) actors.push('office');
    if (following) actors.push('follower');
    return actors;
  }

  /** Those who handle a ticket (its manager, its assignee, its community office) may reveal whom to call back. */
  private handles(t: Pick<Ticket, 'reporterId' | 'communityId' | 'assigneeId'>, caller: Principal): boolean {
    return this.actorsOf(t, caller).some((a) => a === 'manager' || a === 'assignee' || a === 'office');
  }

  async get(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    const following = t ? await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }) : false;
    if (!t) throw notFound('ticket');
    return this.view(t, caller, following);
  }

  /** A ticket as this caller may see it, with what they may do next. */
  private async view(t: Ticket, caller: Principal, following: boolean): Promise<TicketView> {
    const level = this.viewerLevel(t, caller, following);
    if (!level) throw notFound('ticket');
    return this.views.detail(t, level, { ...ticketActions(t, this.actorsOf(t, caller, following), new Date()), following, isReporter: t.reporterId === caller.userId }, this.handles(t, caller));
  }

  /**
   * The lists (mine, the board, the inbox, …), newest first. Plain SQL over the list columns only: every manager
   * and resident opens one of these first, so it does no more work than the rows need.
   */
  async list(query: ListTicketsQuery, caller: Principal): Promise<Page<TicketSummary>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { me: caller.userId };
    let join = '';
    let levelOf: (t: TicketListRow) => ViewerLevel;
    const narrow = (policy: Policy) => {
      const scope = communityScopeFor(caller, policy, 't.community_id', query.communityId);
      where.push(scope.sql);
      Object.assign(params, scope.params);
    };
    switch (query.view) {
      case 'mine':
        where.push('t.reporter_id = :me');
        if (query.communityId !== undefined) {
          where.push('t.community_id = :communityId');
          params.communityId = query.communityId;
        }
        levelOf = () => 'reporter';
        break;
      case 'following':
        join = 'INNER JOIN ticket_follower f ON f.ticket_id = t.id AND f.user_id = :me';
        levelOf = (t) => this.viewerLevel(t, caller, true) ?? 'neighbour';
        break;
      case 'community':
        narrow('tickets.read');
        // The board: public tickets, not held for review, not withdrawn by their reporter.
        where.push("t.visibility = 'public'", 't.held_for_review = :held', "t.state <> 'cancelled'");
        params.held = false;
        levelOf = (t) => (t.reporterId === caller.userId ? 'reporter' : this.viewerLevel(t, caller) === 'property' ? 'property' : 'neighbour');
        break;
      case 'inbox':
        if (!caller.may('tickets.handle')) throw forbidden();
        narrow('tickets.handle');
        levelOf = () => 'property';
        break;
      case 'oversight':
        if (!caller.may('oversight.read')) throw forbidden();
        narrow('oversight.read');
        levelOf = (t) => this.viewerLevel(t, caller) ?? 'oversight';
        break;
      case 'return_visits':
        // 回访 due in the estates the caller visits for (the manager's, the office's), oldest first is not needed:
        // newest first like every list, each with whom to call.
        if (!caller.may('tickets.visit')) throw forbidden();
        narrow('tickets.visit');
        where.push("t.return_visit = 'due'");
        levelOf = (t) => this.viewerLevel(t, caller) ?? 'oversight';
        break;
      case 'assigned':
        if (!caller.may('tickets.work')) throw forbidden();
        narrow('tickets.work');
        where.push('t.assignee_id = :me');
        levelOf = () => 'property';
        break;
    }
    if (query.state) {
      where.push('t.state IN (:...states)');
      params.states = query.state.split(',');
    }
    if (query.category) {
      where.push('t.category_code = :category');
      params.category = query.category;
    }
    if (query.overdue) {
      where.push(OVERDUE_SQL);
      Object.assign(params, overdueParams());
    }
    if (query.cursor) {
      where.push('t.id < :after');
      params.after = decodeCursor(query.cursor, 1)[0];
    }
    const limit = Math.min(query.limit ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
    const rows = await rawQuery(
      this.db,
      `SELECT ${this.listColumns.select} FROM ticket t ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => this.listColumns.hydrate(row));
    return {
      items: await this.views.summaries(items, levelOf, (t) => this.handles(t, caller)),
      nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null,
    };
  }

  /** Open public tickets of the same category (and place) from the last 7 days: follow one instead of filing again. */
  async similar(query: SimilarQuery, caller: Principal): Promise<TicketSummary[]> {
    if (!caller.mayInCommunity('tickets.report', query.communityId)) throw notFound('community');
    const since = new Date(Date.now() - SIMILAR_WINDOW_DAYS * 86400_000);
    const qb = this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.communityId = :c AND t.categoryCode = :code AND t.createdAt >= :since', { c: query.communityId, code: query.categoryCode, since })
      .andWhere("t.visibility = 'public' AND t.heldForReview = :held", { held: false })
      .andWhere('t.state IN (:...open)', { open: [...OPEN_TICKET_STATES, 'resolved'] });
    const place = query.place?.trim();
    const rows = await qb.orderBy('t.id', 'DESC').limit(50).getMany();
    // Same place: either text contains the other ("3栋" matches "3栋1单元大堂"), or no place was given.
    const matches = place ? rows.filter((t) => t.place && (t.place.includes(place) || place.includes(t.place))) : rows;
    return this.views.summaries(matches.slice(0, 5), (t) => (t.reporterId === caller.userId ? 'reporter' : 'neighbour'));
  }

  /** Staff of the estate's serving company, to assign tickets to. */
  async assignees(communityId: number, caller: Principal): Promise<{ id: number; displayName: string; title: string | null; role: string }[]> {
    if (!caller.mayInCommunity('tickets.handle', communityId)) throw notFound('community');
    const contract = await activeContractsQuery(this.db, shanghaiDate()).andWhere('sc.communityId = :communityId', { communityId }).getOne();
    if (!contract) return [];
    const rows = await this.db.getRepository(RoleAssignment).find({
      where: { communityId, companyId: contract.companyId, role: In(['staff', 'manager']), revokedAt: IsNull() },
      order: { id: 'ASC' },
    });
    const users = rows.length ? await this.db.getRepository(User).findBy({ id: In(rows.map((r) => r.userId)) }) : [];
    const seen = new Set<number>();
    return rows
      .filter((r) => !seen.has(r.userId) && seen.add(r.userId))
      .map((r) => ({ id: r.userId, displayName: users.find((u) => u.id === r.userId)?.displayName ?? '', title: r.title, role: r.role }));
  }

  // ─── The lifecycle ────────────────────────────────────────────────────────────────────────────────────────

  async transition(id: number, dto: TransitionDto, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || !this.viewerLevel(t, caller)) throw notFound('ticket');
    const category = await this.categories.find(t.communityId, t.categoryCode);
    const plan = this.lifecycle.plan(t, { ...dto, kind: dto.action }, { now: new Date(), actorId: caller.userId, actors: this.actorsOf(t, caller), category });
    if (plan.changes.assigneeId && !(await this.assignees(t.communityId, caller)).some((a) => a.id === plan.changes.assigneeId)) {
      throw invalid('处理人须是本小区物业的员工', { field: 'assigneeId' }, 'INVALID_ASSIGNEE');
    }
    const text = plan.events[0].note;
    if (text) await this.content.checkText(caller.userId, text, 2);
    await this.lifecycle.commit(t, plan);
    return this.get(id, caller);
  }

  /**
   * The full number to call back (the caller of 代报, or the app reporter), for those who handle the ticket: its
   * manager and assignee, its community office. Every reveal is written to the audit log.
   */
  async revealPhone(id: number, caller: Principal): Promise<RevealedPhone> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || !this.viewerLevel(t, caller)) throw notFound('ticket');
    if (!this.handles(t, caller)) throw forbidden('只有处理该工单的人可以查看完整号码');
    const cipher = t.callerPhoneCipher ?? (t.reporterId !== null ? ((await this.db.getRepository(User).findOneBy({ id: t.reporterId }))?.phoneCipher ?? null) : null);
    if (!cipher) throw new DomainError(404, 'NO_PHONE_NUMBER', '没有可拨打的电话号码');
    const phone = decryptPhone(cipher, this.auth.phoneKey);
    await this.audit.record({ by: caller, action: 'ticket.phone_revealed', entityType: 'ticket', entityId: t.id, communityId: t.communityId, after: { phone: maskPhone(phone), whose: t.callerPhoneCipher ? 'caller' : 'reporter' } });
    return { phone };
  }

  // ─── Rating, urging, following ──────────────────────────────────────────────────────────────────────────

  /** Only the reporter, once, after the ticket was resolved. Rating a resolved ticket also closes it. */
  async rate(id: number, dto: RatingDto, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || !this.viewerLevel(t, caller)) throw notFound('ticket');
    const comment = dto.comment?.trim() || null;
    const plan = this.lifecycle.plan(t, { kind: 'rate', stars: dto.stars, tags: dto.tags ?? [], comment }, { now: new Date(), actorId: caller.userId, actors: this.actorsOf(t, caller) });
    if (comment) await this.content.checkText(caller.userId, comment, 2);
    await this.lifecycle.commit(t, plan);
    return this.get(id, caller);
  }

  /** 催办: the reporter or a follower, for an overdue ticket, at most once an hour each. */
  async urge(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    const following = t ? await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }) : false;
    if (!t || !this.viewerLevel(t, caller, following)) throw notFound('ticket');
    const plan = this.lifecycle.plan(t, { kind: 'urge' }, { now: new Date(), actorId: caller.userId, actors: this.actorsOf(t, caller, following) });
    const last = await this.db.getRepository(TicketEvent).findOne({ where: { ticketId: id, actorId: caller.userId, action: 'urge' }, order: { id: 'DESC' } });
    const wait = last ? last.createdAt.getTime() + URGE_INTERVAL_MINUTES * 60_000 - Date.now() : 0;
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new DomainError(429, 'URGE_TOO_SOON', `一小时内只能催办一次，请 ${minutes} 分钟后再试`, { retryAfter: Math.ceil(wait / 1000) }, { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    await this.lifecycle.commit(t, plan);
    return this.get(id, caller);
  }

  /** "Me too" (+1): follow a neighbour's open public ticket instead of filing the same problem again. */
  async follow(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || t.visibility !== 'public' || !this.viewerLevel(t, caller) || !caller.mayInCommunity('tickets.report', t.communityId)) throw notFound('ticket');
    const followedBefore = await this.db.getRepository(TicketEvent).existsBy({ ticketId: id, actorId: caller.userId, action: 'follow' });
    const plan = this.lifecycle.plan(t, { kind: 'follow' }, { now: new Date(), actorId: caller.userId, actors: this.actorsOf(t, caller, true), followedBefore });
    // Following twice is a no-op; the unique index settles a double tap.
    if (!(await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }))) {
      await this.lifecycle.commit(t, plan, (m) => m.getRepository(TicketFollower).insert({ ticketId: id, userId: caller.userId }));
    }
    return this.get(id, caller);
  }

  async unfollow(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (t && (await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }))) {
      const plan = this.lifecycle.plan(t, { kind: 'unfollow' }, { now: new Date(), actorId: caller.userId, actors: ['follower'] });
      await this.lifecycle.commit(t, plan, async (m) => {
        if (!(await m.getRepository(TicketFollower).delete({ ticketId: id, userId: caller.userId })).affected) throw conflict('NOT_FOLLOWING', '您没有关注该问题');
      });
    }
    return this.get(id, caller);
  }
}
