import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import {
  ANNOUNCEMENT_SIDE_LABELS,
  isAnnouncementCurrent,
  shanghaiDate,
  shanghaiDateTime,
  type AnnouncementInput,
  type AnnouncementSide,
  type AnnouncementSummary,
  type AnnouncementView,
  type Page,
} from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { residentsOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { communityScopeFor } from '../identity/scope';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { UploadsService } from '../uploads/uploads.service';
import { Announcement, AnnouncementRead } from './announcement.entity';
import type { AnnouncementsQuery } from './dto/announcement.dto';

/** The side a post is made for: the caller's posting role in the estate (a manager posts for the property side). */
const postingSide = (caller: Principal, communityId: number): AnnouncementSide => caller.sidesIn(communityId, 'announcements.post')[0] ?? 'office';

/**
 * 公告: posted by an estate's manager, owners' committee or community office; every resident is told once; residents
 * see the current ones first; the side that posted sees how many residents opened it, nobody sees who.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
  ) {}

  async post(communityId: number, dto: AnnouncementInput, caller: Principal): Promise<AnnouncementView> {
    if (!caller.mayInCommunity('announcements.post', communityId)) throw notFound('community');
    const today = shanghaiDate();
    if (dto.expiresOn && dto.expiresOn < today) throw invalid('截止日期不能早于今天', { field: 'expiresOn' });
    const id = await this.db.transaction(async (m) => {
      const attachments = await this.uploads.claim(dto.attachmentIds ?? [], caller.userId, m, ['image', 'pdf']);
      const saved = await m.getRepository(Announcement).save(
        m.getRepository(Announcement).create({
          communityId,
          title: dto.title.trim(),
          body: dto.body.trim(),
          attachmentIds: attachments.map((a) => a.id),
          pinned: dto.pinned ?? false,
          expiresOn: dto.expiresOn ?? null,
          postedBy: postingSide(caller, communityId),
          postedById: caller.userId,
          withdrawnAt: null,
          withdrawnById: null,
        }),
      );
      const community = await m.getRepository(Community).findOneByOrFail({ id: communityId });
      await this.notifications.notify(
        await residentsOf(m, communityId),
        {
          kind: 'announcement',
          title: `${community.name}发布公告`,
          body: saved.title,
          announcementId: saved.id,
          template: 'notice',
          fields: { thing1: saved.title, phrase2: '新公告', time3: shanghaiDateTime(saved.createdAt), thing4: `${ANNOUNCEMENT_SIDE_LABELS[saved.postedBy]}发布，点击查看` },
        },
        m,
      );
      return saved.id;
    });
    this.notifications.kick();
    return this.get(id, caller);
  }

  /** An estate's announcements: residents the current ones; the posting sides (?all=true) every one, expired and withdrawn too. */
  async list(communityId: number, query: AnnouncementsQuery, caller: Principal): Promise<Page<AnnouncementSummary>> {
    const scope = communityScopeFor(caller, 'announcements.read', 'a.communityId', communityId);
    const qb = this.db.getRepository(Announcement).createQueryBuilder('a').where(scope.sql, scope.params);
    const everything = query.all === true && caller.mayInCommunity('announcements.post', communityId);
    if (!everything) qb.andWhere('a.withdrawnAt IS NULL').andWhere('(a.expiresOn IS NULL OR a.expiresOn >= :today)', { today: shanghaiDate() });
    const page = await keysetPage(qb, {
      columns: [
        { expr: 'a.pinned', dir: 'DESC' },
        { expr: 'a.id', dir: 'DESC' },
      ],
      cursor: query.cursor,
      limit: query.limit,
      keyOf: (a) => [a.pinned ? 1 : 0, a.id],
    });
    const counts = await this.readCounts(page.items.filter((a) => caller.sidesIn(a.communityId).includes(a.postedBy)).map((a) => a.id));
    return { items: page.items.map((a) => this.summary(a, counts.get(a.id) ?? null)), nextCursor: page.nextCursor };
  }

  /** An announcement the caller may open: withdrawn ones are gone for residents, the posting side keeps its record. */
  private async readable(id: number, caller: Principal): Promise<{ a: Announcement; ownSide: boolean }> {
    const a = await this.db.getRepository(Announcement).findOneBy({ id });
    if (!a || !caller.mayInCommunity('announcements.read', a.communityId)) throw notFound('announcement');
    const ownSide = caller.sidesIn(a.communityId).includes(a.postedBy);
    if (a.withdrawnAt && !ownSide) throw notFound('announcement');
    return { a, ownSide };
  }

  /** 已读: a resident of its estate opened it; counted once per person, and only residents count. */
  async markRead(id: number, caller: Principal): Promise<void> {
    const { a, ownSide } = await this.readable(id, caller);
    if (!caller.residesIn(a.communityId) || ownSide) return;
    const repo = this.db.getRepository(AnnouncementRead);
    if (await repo.existsBy({ announcementId: a.id, userId: caller.userId })) return;
    try {
      await repo.insert({ announcementId: a.id, userId: caller.userId, readAt: new Date() });
    } catch (error) {
      // Two opens at once: the unique index kept the other one, which is all that was wanted.
      if (!(await repo.existsBy({ announcementId: a.id, userId: caller.userId }))) throw error;
    }
  }

  async get(id: number, caller: Principal): Promise<AnnouncementView> {
    const { a, ownSide } = await this.readable(id, caller);
    const [community, files, counts] = await Promise.all([
      this.db.getRepository(Community).findOneByOrFail({ id: a.communityId }),
      this.uploads.findByIds(a.attachmentIds),
      this.readCounts(ownSide ? [a.id] : []),
    ]);
    const attachments = [];
    for (const fileId of a.attachmentIds) {
      const file = files.find((f) => f.id === fileId);
      if (file) attachments.push({ ...(await this.uploads.photoView(file)), kind: file.kind === 'pdf' ? ('pdf' as const) : ('image' as const) });
    }
    return {
      ...this.summary(a, ownSide ? (counts.get(a.id) ?? 0) : null),
      communityName: community.name,
      body: a.body,
      attachments,
      actions: { withdraw: !a.withdrawnAt && ownSide && caller.mayInCommunity('announcements.post', a.communityId) },
    };
  }

  /** 撤回: the posting side takes it down; residents no longer see it, the record and its read count stay. */
  async withdraw(id: number, caller: Principal): Promise<AnnouncementView> {
    const view = await this.get(id, caller);
    if (!view.actions.withdraw) {
      if (view.withdrawn) throw conflict('ANNOUNCEMENT_WITHDRAWN', '这条公告已经撤回');
      throw notFound('announcement');
    }
    const done = await this.db.getRepository(Announcement).createQueryBuilder().update().set({ withdrawnAt: new Date(), withdrawnById: caller.userId }).where({ id, withdrawnAt: IsNull() }).execute();
    if (!done.affected) throw conflict('ANNOUNCEMENT_WITHDRAWN', '这条公告已经撤回');
    return this.get(id, caller);
  }

  private async readCounts(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .getRepository(AnnouncementRead)
      .createQueryBuilder('r')
      .select('r.announcementId', 'id')
      .addSelect('COUNT(*)', 'reads')
      .where({ announcementId: In(ids) })
      .groupBy('r.announcementId')
      .getRawMany<{ id: number; reads: string }>();
    return new Map(ids.map((id) => [id, Number(rows.find((r) => Number(r.id) === id)?.reads ?? 0)]));
  }

  private summary(a: Announcement, readCount: number | null): AnnouncementSummary {
    const withdrawn = a.withdrawnAt !== null;
    return {
      id: a.id,
      communityId: a.communityId,
      title: a.title,
      pinned: a.pinned,
      postedBy: a.postedBy,
      expiresOn: a.expiresOn,
      current: isAnnouncementCurrent({ withdrawn, expiresOn: a.expiresOn }, shanghaiDate()),
      withdrawn,
      createdAt: a.createdAt.toISOString(),
      readCount,
    };
  }
}
