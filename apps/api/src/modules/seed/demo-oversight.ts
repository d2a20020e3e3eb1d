import { EntityManager } from 'typeorm';
import { CreditEvent } from '../oversight/credit-event.entity';
import { StarRating } from '../oversight/star-rating.entity';
import { DeadlineFloorRow } from '../tickets/deadline-floor.entity';
import { DEMO_COMMUNITIES, DEMO_DEADLINE_FLOORS } from './demo-county';
import type { DemoIndex } from './demo-seed.service';
import { addDays, shanghaiDate } from '@wuye/contracts';

/** The county's deadline floors (before any estate's categories exist, so their defaults start within them). */
export async function seedDemoFloors(m: EntityManager, index: DemoIndex): Promise<void> {
  const county = index.areas.get('QHX');
  if (county) await m.getRepository(DeadlineFloorRow).insert(DEMO_DEADLINE_FLOORS.map((f) => ({ ...f, areaId: county.id, updatedById: null })));
}

const ratingReason = (stars: number | null) => (stars === null ? '年内更换物业服务企业，服务期不足一年，暂不定星' : stars >= 4 ? '服务规范，业主满意度高，公示及时' : '维修响应偏慢，公示不够及时');

/**
 * Last year's star ratings by the county bureau (西山雅居's changed once on review: version 2 with its reason), and
 * the credit records the demo's story implies (the criticism of 柳林新村 names 恒信's manager there at the time).
 */
export async function seedDemoOversight(m: EntityManager, index: DemoIndex): Promise<void> {
  const county = index.areas.get('QHX');
  const rater = index.users.get('regulator.county');
  if (!county || !rater) return;
  const lastYear = Number(shanghaiDate().slice(0, 4)) - 1;
  const stars: Record<string, number | null> = { JXHY: 5, YGXC: 4, CHMY: 5, JSJY: 3, BJYH: 4, DHW: 4, XFL: 3, GHY: 3, SXMD: 4, XSYJ: 3, LLXC: null, HXJY: 2 };
  for (const [code, value] of Object.entries(stars)) {
    const community = index.communities.get(code);
    if (!community) continue;
    const rating = { communityId: community.id, year: lastYear, indicators: {}, ratedById: rater.id, areaId: county.id };
    await m.getRepository(StarRating).insert({ ...rating, version: 1, stars: value, reason: ratingReason(value), changeReason: null, createdAt: new Date(`${lastYear + 1}-01-20T02:00:00Z`) });
    if (code === 'XSYJ') {
      await m.getRepository(StarRating).insert({
        ...rating,
        version: 2,
        stars: 2,
        reason: ratingReason(2),
        changeReason: '复核发现业主投诉超时办结较多，下调一星',
        createdAt: new Date(`${lastYear + 1}-03-10T02:00:00Z`),
      });
    }
  }
  const hengxin = index.companies.get('hengxin');
  const anju = index.companies.get('anju');
  const today = shanghaiDate();
  const monthsAgo = (n: number) => addDays(today, -30 * n);
  // The criticism names 恒信's manager at 柳林新村, so it falls within 恒信's contract there (the other dates are
  // relative to today, the hand-over is not): a manager is named only for a day they managed the estate.
  const handedOver = DEMO_COMMUNITIES.find((c) => c.code === 'LLXC')?.previous?.endedOn ?? today;
  const criticisedOn = [monthsAgo(6), addDays(handedOver, -21)].sort()[0];
  const events: Partial<CreditEvent>[] = [];
  if (hengxin) {
    events.push(
      { companyId: hengxin.id, communityId: index.communities.get('LLXC')?.id ?? null, kind: 'interview', points: 0, occurredOn: monthsAgo(8), reason: '柳林新村电梯长期停运、投诉集中，约谈企业负责人' },
      { companyId: hengxin.id, communityId: index.communities.get('LLXC')?.id ?? null, managerUserId: index.users.get('manager.liulin.old')?.id ?? null, kind: 'criticism', points: 0, occurredOn: criticisedOn, reason: '整改不到位，全县通报批评' },
      { companyId: hengxin.id, communityId: index.communities.get('LLXC')?.id ?? null, kind: 'project_withdrawn', points: 0, occurredOn: monthsAgo(5), reason: '业主大会决定改选，项目清退并完成交接' },
      { companyId: hengxin.id, communityId: index.communities.get('HXJY')?.id ?? null, kind: 'points', points: 6, occurredOn: monthsAgo(2), reason: '公共收益连续两个季度未公示' },
    );
  }
  if (anju) events.push({ companyId: anju.id, communityId: index.communities.get('JSJY')?.id ?? null, kind: 'interview', points: 0, occurredOn: monthsAgo(3), reason: '金色家园消防通道堵塞问题反复出现' });
  for (const e of events) await m.getRepository(CreditEvent).insert({ managerUserId: null, issuingAreaId: county.id, createdById: rater.id, ...e });
}
