import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan, In } from 'typeorm';
import type { DisclosureView, Page, QuestionView } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { scrubPersonal } from '../../common/privacy';
import { ContentSecurityService } from '../content/content-security.service';
import { AuditService } from '../identity/audit.service';
import { committeeOf, managersOf, neighbourMask, officersOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { DisclosureLine } from './disclosure-line.entity';
import { DisclosureQuestion } from './disclosure-question.entity';
import { DisclosureViewsService, questionView } from './disclosure-views.service';
import { Disclosure } from './disclosure.entity';
import { AnswerDto, QuestionDto, QuestionsQuery } from './dto/disclosure.dto';

/**
 * 质询: residents ask about a published disclosure or one of its lines; the manager must answer within the estate's
 * deadline (default 10 days); what stays unanswered is put before the committee and the community office.
 */
@Injectable()
export class DisclosureQuestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: DisclosureViewsService,
    private readonly contentSecurity: ContentSecurityService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async ask(id: number, dto: QuestionDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.views.loadFor('ask', id, caller);
    if (dto.lineId !== undefined && !(await this.db.getRepository(DisclosureLine).existsBy({ id: dto.lineId, disclosureId: id }))) throw invalid('该行不属于这份公示', { field: 'lineId' });
    await this.contentSecurity.checkText(caller.userId, dto.text, 2);
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: d.communityId });
    await this.db.transaction(async (m) => {
      await m.getRepository(DisclosureQuestion).insert({
        disclosureId: id,
        communityId: d.communityId,
        lineId: dto.lineId ?? null,
        askerId: caller.userId,
        askerMask: await neighbourMask(m, caller.userId, d.communityId),
        text: dto.text.trim(),
        answer: null,
        answeredById: null,
        answeredAt: null,
        dueAt: new Date(Date.now() + community.questionAnswerDays * 86400_000),
        overdueNotifiedAt: null,
      });
      await this.notifications.notify(await managersOf(m, d.communityId), { kind: 'disclosure_question', title: '业主对公示提出质询', body: `${d.title}：${scrubPersonal(dto.text).slice(0, 80)}（${community.questionAnswerDays} 天内回复）`, disclosureId: d.id }, m);
    });
    return this.views.get(id, caller);
  }

  async answerQuestion(questionId: number, dto: AnswerDto, caller: Principal): Promise<QuestionView> {
    const q = await this.db.getRepository(DisclosureQuestion).findOneBy({ id: questionId });
    if (!q) throw notFound('question');
    await this.views.loadFor('answerQuestion', q.disclosureId, caller, 'question');
    await this.contentSecurity.checkText(caller.userId, dto.answer, 2);
    await this.db.transaction(async (m) => {
      const result = await m.getRepository(DisclosureQuestion).update({ id: questionId, answeredAt: IsNull() }, { answer: dto.answer.trim(), answeredById: caller.userId, answeredAt: new Date() });
      if (!result.affected) throw conflict('ALREADY_ANSWERED', '该质询已回复');
      await this.notifications.notify([q.askerId], { kind: 'question_answered', title: '您的质询已回复', body: scrubPersonal(dto.answer).slice(0, 100), disclosureId: q.disclosureId }, m);
    });
    return questionView(await this.db.getRepository(DisclosureQuestion).findOneByOrFail({ id: questionId }), true);
  }

  /** The questions of an estate (unanswered, or past their deadline) for the manager, the committee and the office. */
  async questions(communityId: number, query: QuestionsQuery, caller: Principal): Promise<Page<QuestionView & { disclosureId: number; disclosureTitle: string }>> {
    if (!caller.mayInCommunity('disclosures.oversee', communityId)) throw notFound('community');
    const qb = this.db.getRepository(DisclosureQuestion).createQueryBuilder('q').where('q.communityId = :communityId', { communityId });
    if (query.filter === 'unanswered' || query.filter === 'overdue') qb.andWhere('q.answeredAt IS NULL');
    if (query.filter === 'overdue') qb.andWhere('q.dueAt < :now', { now: new Date() });
    const page = await keysetPage(qb, { columns: [{ expr: 'q.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (q) => [q.id] });
    const disclosures = await this.db.getRepository(Disclosure).findBy({ id: In([...new Set(page.items.map((q) => q.disclosureId)), 0]) });
    return {
      items: page.items.map((q) => ({ ...questionView(q, caller.mayInCommunity('disclosures.write', communityId)), disclosureId: q.disclosureId, disclosureTitle: disclosures.find((d) => d.id === q.disclosureId)?.title ?? '' })),
      nextCursor: page.nextCursor,
    };
  }

  /** Job: questions unanswered past their deadline are put before the committee and the community office, once. */
  async flagOverdueQuestions(now = new Date()): Promise<number> {
    const due = await this.db.getRepository(DisclosureQuestion).find({ where: { answeredAt: IsNull(), overdueNotifiedAt: IsNull(), dueAt: LessThan(now) }, take: 500 });
    let flagged = 0;
    for (const q of due) {
      await this.db.transaction(async (m) => {
        const claimed = await m.getRepository(DisclosureQuestion).update({ id: q.id, overdueNotifiedAt: IsNull() }, { overdueNotifiedAt: now });
        if (!claimed.affected) return;
        flagged++;
        const community = await m.getRepository(Community).findOneByOrFail({ id: q.communityId });
        const people = [...(await committeeOf(m, q.communityId)), ...(await officersOf(m, q.communityId))];
        await this.notifications.notify(people, { kind: 'question_overdue', title: `质询逾期未答：${community.name}`, body: scrubPersonal(q.text).slice(0, 100), disclosureId: q.disclosureId }, m);
      });
    }
    return flagged;
  }

  async setQuestionDays(communityId: number, days: number, caller: Principal): Promise<{ questionAnswerDays: number }> {
    if (!caller.mayInCommunity('disclosures.settings', communityId)) throw notFound('community');
    const result = await this.db.getRepository(Community).update(communityId, { questionAnswerDays: days });
    if (!result.affected) throw notFound('community');
    await this.audit.record({ by: caller, action: 'disclosure.settings', entityType: 'community', entityId: communityId, communityId, after: { questionAnswerDays: days } });
    return { questionAnswerDays: days };
  }
}
