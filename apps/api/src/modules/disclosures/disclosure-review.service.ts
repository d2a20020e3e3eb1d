import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { DisclosureView } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { ContentSecurityService } from '../content/content-security.service';
import { AuditService } from '../identity/audit.service';
import { committeeOf, managersOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { ChainService } from './chain.service';
import { signOffHold } from './disclosure-lifecycle';
import { DisclosureLine } from './disclosure-line.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureSharesService } from './disclosure-shares.service';
import { DisclosureViewsService } from './disclosure-views.service';
import { Disclosure } from './disclosure.entity';
import { AnswerDto, ReviewDto } from './dto/disclosure.dto';

/**
 * 业账社审: committee members approve or query a disclosure line by line, the manager answers the queries, and the
 * chair signs it off, which publishes it on the estate's hash chain (with a shared cost's shares fixed).
 */
@Injectable()
export class DisclosureReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: DisclosureViewsService,
    private readonly shares: DisclosureSharesService,
    private readonly chain: ChainService,
    private readonly contentSecurity: ContentSecurityService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async review(id: number, dto: ReviewDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.views.loadFor('review', id, caller);
    if (dto.lineId !== undefined && !(await this.db.getRepository(DisclosureLine).existsBy({ id: dto.lineId, disclosureId: id }))) {
      throw invalid('该行不属于这份公示', { field: 'lineId' });
    }
    const comment = dto.comment?.trim() || null;
    if (dto.decision === 'query' && !comment) throw invalid('请写明质疑的内容', { field: 'comment' });
    if (comment) await this.contentSecurity.checkText(caller.userId, comment, 2);
    await this.db.transaction(async (m) => {
      await m.getRepository(DisclosureReview).insert({ disclosureId: id, lineId: dto.lineId ?? null, round: d.reviewRound, reviewerId: caller.userId, decision: dto.decision, comment, answer: null, answeredById: null, answeredAt: null });
      if (dto.decision === 'query') await this.notifications.notify(await managersOf(m, d.communityId), { kind: 'disclosure_query', title: '业委会对公示有疑问', body: `${d.title}：${comment}`, disclosureId: d.id }, m);
    });
    return this.views.get(id, caller);
  }

  async answerReview(reviewId: number, dto: AnswerDto, caller: Principal): Promise<DisclosureView> {
    const review = await this.db.getRepository(DisclosureReview).findOneBy({ id: reviewId });
    if (!review) throw notFound('disclosure');
    const d = await this.views.loadFor('answerReview', review.disclosureId, caller);
    if (review.decision !== 'query') throw conflict('ILLEGAL_TRANSITION', '只有质疑需要回复');
    await this.contentSecurity.checkText(caller.userId, dto.answer, 2);
    await this.db.transaction(async (m) => {
      const result = await m.getRepository(DisclosureReview).update({ id: reviewId, answeredAt: IsNull() }, { answer: dto.answer.trim(), answeredById: caller.userId, answeredAt: new Date() });
      if (!result.affected) throw conflict('ALREADY_ANSWERED', '该质疑已回复');
      // The committee reads the answer before approving the line again or signing off.
      await this.notifications.notify(await committeeOf(m, d.communityId), { kind: 'query_answered', title: '物业已回复质疑', body: `${d.title}：${dto.answer.trim()}`, disclosureId: d.id }, m);
    });
    return this.views.get(d.id, caller);
  }

  /**
   * 主任签发 → 公示, once every query is answered and every line approved by another member (signOffHold): hashed,
   * chained to the community's previous publication, with what it derives fixed (shares, votes).
   */
  async signOff(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.views.loadFor('signOff', id, caller);
    const hold = signOffHold(await this.db.getRepository(DisclosureLine).findBy({ disclosureId: id }), await this.db.getRepository(DisclosureReview).findBy({ disclosureId: id }), caller.userId);
    if (hold) throw conflict(hold.code, hold.message);
    await this.chain.publish(d, caller.userId, {
      freeze: async (m) => this.shares.freeze(m, d, await m.getRepository(DisclosureLine).find({ where: { disclosureId: id } })),
      alongside: async (m, published) => {
      if (d.supersedesId) await m.getRepository(Disclosure).update({ id: d.supersedesId, state: 'published' }, { state: 'superseded' });
      await this.audit.record({ by: caller, action: 'disclosure.publish', entityType: 'disclosure', entityId: id, communityId: d.communityId, after: { hash: published.hash, chainSeq: published.chainSeq } }, m);
      await this.notifications.notify(await managersOf(m, d.communityId), { kind: 'disclosure_published', title: '公示已签发', body: d.title, disclosureId: d.id }, m);
      },
    });
    return this.views.get(id, caller);
  }
}
