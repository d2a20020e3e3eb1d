import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { addMonths, lastDayOfMonth, shanghaiDate, type ComplianceItem, type ComplianceView, type DisclosureType } from '@wuye/contracts';
import { notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { DisclosureQuestion } from './disclosure-question.entity';
import { Disclosure } from './disclosure.entity';
import { applyScope, reachable, underArea } from '../identity/scope';

/**
 * Which disclosures are due: shared costs every month (by the end of the next month), public income every
 * quarter (by the end of the month after the quarter). Published late, due, or overdue, per estate.
 */
@Injectable()
export class ComplianceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The obligations of the last `months` months that have a deadline by now or soon. */
  obligations(today: string, months: number): { type: DisclosureType; period: string; dueBy: string }[] {
    const out: { type: DisclosureType; period: string; dueBy: string }[] = [];
    for (let back = months; back >= 1; back--) {
      const period = addMonths(today.slice(0, 7), -back);
      const [year, month] = period.split('-').map(Number);
      out.push({ type: 'shared_cost', period, dueBy: lastDayOfMonth(year, month + 1) });
      if (month % 3 === 0) out.push({ type: 'public_income', period: `${year}-Q${month / 3}`, dueBy: lastDayOfMonth(year, month + 1) });
    }
    return out;
  }

  async forCommunity(communityId: number, months: number, caller: Principal): Promise<ComplianceView> {
    if (!caller.mayInCommunity('disclosures.oversee', communityId) || !(await this.db.getRepository(Community).existsBy({ id: communityId }))) throw notFound('community');
    return (await this.computeFor([communityId], months))[0];
  }

  /** Every estate of an area the caller oversees, with its overdue count. */
  async forArea(areaId: number, months: number, caller: Principal): Promise<ComplianceView[]> {
    const area = await this.db.getRepository(Area).findOneBy({ id: areaId });
    if (!area) throw notFound('area');
    const inScope = reachable(caller, 'disclosures.oversee');
    const communities = await applyScope(this.db.getRepository(Community).createQueryBuilder('c').select('c.id', 'id'), underArea('c.areaPath', area.path)).getRawMany<{ id: number }>();
    const ids = communities.map((c) => Number(c.id)).filter(inScope);
    if (!ids.length) throw notFound('area');
    return this.computeFor(ids, months);
  }

  async computeFor(communityIds: number[], months: number): Promise<ComplianceView[]> {
    const today = shanghaiDate();
    const due = this.obligations(today, months);
    const published = await this.db.getRepository(Disclosure).find({
      select: { id: true, communityId: true, type: true, period: true, publishedAt: true, state: true },
      where: { communityId: In(communityIds), type: In(['shared_cost', 'public_income']), state: In(['published', 'superseded']) },
      order: { publishedAt: 'ASC' },
    });
    const lateQuestions = await this.db
      .getRepository(DisclosureQuestion)
      .createQueryBuilder('q')
      .select('q.communityId', 'c')
      .addSelect('COUNT(*)', 'n')
      .where({ communityId: In(communityIds), answeredAt: IsNull(), dueAt: LessThan(new Date()) })
      .groupBy('q.communityId')
      .getRawMany<{ c: number; n: string }>();
    return communityIds.map((communityId) => {
      const items: ComplianceItem[] = due.map((o) => {
        // The first publication of that period counts (a later correction does not make it late).
        const first = published.find((d) => d.communityId === communityId && d.type === o.type && d.period === o.period);
        if (first) {
          const on = shanghaiDate(first.publishedAt as Date);
          return { ...o, status: on <= o.dueBy ? 'published' : 'published_late', disclosureId: first.id };
        }
        return { ...o, status: today > o.dueBy ? 'overdue' : 'due', disclosureId: null };
      });
      return {
        communityId,
        asOf: today,
        items,
        overdue: items.filter((i) => i.status === 'overdue').length,
        unansweredQuestionsOverdue: Number(lateQuestions.find((q) => Number(q.c) === communityId)?.n ?? 0),
      };
    });
  }
}
