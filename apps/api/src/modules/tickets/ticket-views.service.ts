import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ROLE_LABELS, type TicketEventView, type TicketSummary, type TicketView } from '@wuye/contracts';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { houseLabel } from '../org/houses.service';
import { User } from '../identity/user.entity';
import { UploadsService } from '../uploads/uploads.service';
import { isOverdue } from './deadlines';
import { scrubPersonal } from './privacy';
import { TicketEvent } from './ticket-event.entity';
import type { Ticket } from './ticket.entity';

/**
 * How much of a ticket a viewer sees:
 * - property: the estate's manager, staff, company admins, platform admins: everything, reporter included;
 * - reporter: their own ticket, everything;
 * - oversight: community office and regulators: the content, never who reported it;
 * - neighbour: residents and committee members on the community board: public tickets, reporter masked
 *   ("3栋业主"), phone and ID numbers in the text masked, photos WeChat judged risky hidden.
 */
export type ViewerLevel = 'property' | 'reporter' | 'oversight' | 'neighbour';

const ACTOR_LABELS: Record<TicketEvent['actorRole'], string> = {
  reporter: '报事人',
  manager: ROLE_LABELS.manager,
  staff: ROLE_LABELS.staff,
  office: ROLE_LABELS.community_office,
  follower: '关注的居民',
  hotline: '12345热线',
  system: '系统',
};

const summaryText = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

@Injectable()
export class TicketViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
  ) {}

  async summaries(tickets: Ticket[], levelOf: (t: Ticket) => ViewerLevel): Promise<TicketSummary[]> {
    if (!tickets.length) return [];
    const communities = await this.db.getRepository(Community).findBy({ id: In([...new Set(tickets.map((t) => t.communityId))]) });
    const reporterIds = tickets.filter((t) => t.reporterId !== null && ['property', 'reporter'].includes(levelOf(t))).map((t) => t.reporterId as number);
    const reporters = reporterIds.length ? await this.db.getRepository(User).findBy({ id: In([...new Set(reporterIds)]) }) : [];
    const firstPhotos = await this.uploads.findByIds(tickets.map((t) => t.photoIds[0]).filter((id): id is number => id !== undefined));
    const now = Date.now();
    return Promise.all(
      tickets.map(async (t) => {
        const level = levelOf(t);
        const photo = firstPhotos.find((p) => p.id === t.photoIds[0]);
        const showPhoto = photo && (level === 'property' || level === 'reporter' || photo.moderation !== 'risky');
        const text = level === 'property' || level === 'reporter' ? t.description : scrubPersonal(t.description);
        return {
          id: t.id,
          communityId: t.communityId,
          communityName: communities.find((c) => c.id === t.communityId)?.name ?? '',
          kind: t.kind,
          categoryCode: t.categoryCode,
          categoryName: t.categoryName,
          emergency: t.emergency,
          summary: summaryText(text),
          state: t.state,
          visibility: t.visibility,
          reporter: this.reporterLabel(t, level, reporters.find((u) => u.id === t.reporterId)),
          place: t.place,
          thumbnailUrl: showPhoto ? (await this.uploads.photoView(photo)).thumbnailUrl : null,
          createdAt: t.createdAt.toISOString(),
          responseDueAt: t.responseDueAt.toISOString(),
          resolutionDueAt: t.resolutionDueAt.toISOString(),
          overdue: isOverdue(t, now),
          escalated: t.escalatedAt !== null,
          followerCount: t.followerCount,
          version: t.version,
        };
      }),
    );
  }

  async detail(
    t: Ticket,
    level: ViewerLevel,
    extras: Pick<TicketView, 'actions' | 'canRate' | 'canUrge' | 'following' | 'isReporter'>,
  ): Promise<TicketView> {
    const [summary] = await this.summaries([t], () => level);
    const events = await this.db.getRepository(TicketEvent).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null).concat(t.assigneeId ?? []))];
    const actors = actorIds.length ? await this.db.getRepository(User).findBy({ id: In(actorIds) }) : [];
    const full = level === 'property' || level === 'reporter';
    const reporter = t.reporterId !== null && full ? await this.db.getRepository(User).findOneBy({ id: t.reporterId }) : null;
    let house: string | null = null;
    if (t.houseId !== null && level !== 'neighbour') {
      const h = await this.db.getRepository(House).findOneBy({ id: t.houseId });
      const b = h ? await this.db.getRepository(Building).findOneBy({ id: h.buildingId }) : null;
      house = h ? houseLabel(b?.name ?? '', h.unit, h.number) : null;
    }
    const timeline: TicketEventView[] = [];
    for (const e of events) {
      const person = actors.find((u) => u.id === e.actorId);
      // Residents' names stay with the reporter and the property side; staff act in their role.
      const named = e.actorRole === 'manager' || e.actorRole === 'staff' || e.actorRole === 'office' || full;
      const actor =
        e.actorRole === 'reporter'
          ? full
            ? `${ACTOR_LABELS.reporter} ${person?.displayName ?? ''}`.trim()
            : t.reporterMask
          : e.actorRole === 'follower'
            ? ACTOR_LABELS.follower
            : `${ACTOR_LABELS[e.actorRole]}${named && person ? ` ${person.displayName}` : ''}`;
      timeline.push({
        id: e.id,
        action: e.action,
        actor,
        fromState: e.fromState,
        toState: e.toState,
        note: e.note === null ? null : full ? e.note : scrubPersonal(e.note),
        photos: await this.uploads.photoViews(e.photoIds, !full),
        at: e.createdAt.toISOString(),
      });
    }
    const assignee = t.assigneeId !== null ? actors.find((u) => u.id === t.assigneeId) : undefined;
    return {
      ...summary,
      description: full ? t.description : scrubPersonal(t.description),
      photos: await this.uploads.photoViews(t.photoIds, !full),
      house,
      lat: level === 'neighbour' ? null : t.lat,
      long: level === 'neighbour' ? null : t.long,
      assignee: assignee ? `${ROLE_LABELS.staff} ${assignee.displayName}` : t.externalAssignee,
      reporterPhone: level === 'property' ? (reporter?.phoneMasked ?? null) : null,
      rating: t.ratingStars === null ? null : { stars: t.ratingStars, tags: t.ratingTags ?? [], comment: t.ratingComment, at: (t.ratedAt as Date).toISOString() },
      reopenCount: t.reopenCount,
      timeline,
      heldForReview: t.heldForReview,
      source: t.source,
      ...extras,
    };
  }

  private reporterLabel(t: Ticket, level: ViewerLevel, reporter?: User): string {
    if ((level === 'property' || level === 'reporter') && reporter) return reporter.displayName;
    return t.reporterMask;
  }
}
