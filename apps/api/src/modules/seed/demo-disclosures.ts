import { EntityManager, In } from 'typeorm';
import { computeTotals, shanghaiDate, type DisclosureContent, type DisclosureType } from '@wuye/contracts';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { HouseBinding } from '../identity/house-binding.entity';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { disclosureHash } from '../disclosures/disclosure-hash';
import { DisclosureLine } from '../disclosures/disclosure-line.entity';
import { DisclosureQuestion } from '../disclosures/disclosure-question.entity';
import { DisclosureReview } from '../disclosures/disclosure-review.entity';
import type { NormalisedLine } from '../disclosures/disclosure-rules';
import { Disclosure } from '../disclosures/disclosure.entity';
import { Upload } from '../uploads/upload.entity';
import { prng } from './demo-tickets';
import { freezeFacts } from '../disclosures/disclosure-shares.service';
import { Vote } from '../votes/vote.entity';
import type { DemoClosedVote } from './demo-votes';

interface Plan {
  type: DisclosureType;
  period: string;
  title: string;
  content: DisclosureContent;
  lines: NormalisedLine[];
  publishedAt: Date | null;
  /** vote_result: the vote whose frozen result it publishes. */
  vote?: DemoClosedVote;
}

const monthPeriod = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * A year of disclosures per demo estate, as if the property company had published them month by month: shared
 * costs every month, public income and fee collection every quarter, the fee standard, upkeep, one maintenance
 * fund withdrawal. Two estates skipped a few months, and 和谐家园 two quarters of public income (the compliance list shows
 * them). The last month is still
 * in review at 锦绣花园, with a committee query; residents have asked questions, some answered late.
 */
export async function seedDemoDisclosures(
  m: EntityManager,
  communities: { community: Community; code: string }[],
  voucherPool: number[],
  votes: Map<number, DemoClosedVote> = new Map(),
  now = new Date(),
): Promise<number> {
  const rnd = prng(31415926);
  const vouchers = await m.getRepository(Upload).findBy({ id: In(voucherPool) });
  const voucher = async (ownerId: number) => {
    const v = rnd.pick(vouchers);
    return (await m.getRepository(Upload).save(m.getRepository(Upload).create({ ...v, id: undefined, ownerId, attachedAt: now }))).id;
  };
  let count = 0;
  for (const { community, code } of communities) {
    const manager = await m.getRepository(RoleAssignment).findOne({ where: { communityId: community.id, role: 'manager' }, order: { id: 'ASC' } });
    const managerId = manager?.userId ?? 1;
    const buildings = await m.getRepository(Building).find({ where: { communityId: community.id }, order: { id: 'ASC' } });
    const skips = code === 'LLXC' || code === 'HXJY' ? new Set([2, 5, 6]) : new Set<number>();
    // 和谐家园 also left out public income for two quarters in a row (the six months 5–10 back hold two quarter
    // ends), both due before its credit penalty two months ago (demo-oversight.ts).
    const incomeSkipped = (back: number) => code === 'HXJY' && back >= 5 && back <= 10;
    const plans: Plan[] = [];
    let lastElectricity = 0;
    for (let back = 12; back >= 1; back--) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const period = monthPeriod(month);
      const published = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 8 + rnd.int(0, 10), 2, 0));
      if (!skips.has(back)) {
        const drawn = rnd.int(1800000, 3200000);
        const inReview = back === 1 && code === 'JXHY';
        // The committee's query on the month in review says its electricity is up by a third: so it is.
        const electricity = inReview && lastElectricity ? Math.round(lastElectricity * 1.3) : drawn;
        lastElectricity = electricity;
        const water = rnd.int(200000, 600000);
        plans.push({
          type: 'shared_cost',
          period,
          title: `${period.replace('-', '年')}月公共能耗分摊公示`,
          content: { method: 'area', note: '按建筑面积分摊（民法典第二百八十三条），随物业费收取' },
          lines: [
            { kind: 'meter', item: '公共照明及电梯用电', amountFen: electricity, fields: { meterKind: 'electricity', quantity: Math.round(electricity / 65), unit: 'kWh' }, attachmentIds: [] },
            { kind: 'meter', item: '绿化及公共区域用水', amountFen: water, fields: { meterKind: 'water', quantity: Math.round(water / 410), unit: 'm³' }, attachmentIds: [] },
          ],
          publishedAt: inReview ? null : published,
        });
      }
      if (month.getUTCMonth() % 3 === 2) {
        const quarter = `${month.getUTCFullYear()}-Q${(month.getUTCMonth() + 1) / 3}`;
        const ad = rnd.int(900000, 1600000);
        const parking = rnd.int(500000, 1200000);
        const cost = Math.round((ad + parking) * 0.12);
        if (!incomeSkipped(back)) plans.push({
          type: 'public_income',
          period: quarter,
          title: `${quarter.replace('-Q', '年第')}季度公共收益公示`,
          content: { openingBalanceFen: rnd.int(1000000, 5000000), note: '净收益的 70% 补充专项维修资金，其余按业主大会决定使用' },
          lines: [
            { kind: 'income', item: '电梯轿厢及道闸广告', amountFen: ad, fields: { category: 'advertising', counterparty: '清河城市传媒有限公司', contractNo: `GG-${quarter}` }, attachmentIds: [] },
            { kind: 'income', item: '公共区域临时停车', amountFen: parking, fields: { category: 'parking', counterparty: '临时停车车主' }, attachmentIds: [] },
            { kind: 'income', item: '通信基站场地租金', amountFen: 150000, fields: { category: 'base_station', counterparty: '中国移动清河分公司', contractNo: 'JZ-2024-07' }, attachmentIds: [] },
            { kind: 'cost', item: '停车收费人员及票据成本', amountFen: cost, fields: {}, attachmentIds: [await voucher(managerId)] },
            { kind: 'use', item: '补充专项维修资金', amountFen: Math.round((ad + parking + 150000 - cost) * 0.7), fields: { usage: 'maintenance_fund' }, attachmentIds: [] },
          ],
          publishedAt: new Date(published.getTime() + 3 * 86400_000),
        });
        plans.push({
          type: 'fee_collection',
          period: quarter,
          title: `${quarter.replace('-Q', '年第')}季度物业费收缴情况`,
          content: { note: '仅公示各楼栋汇总，不公示个人欠费' },
          lines: buildings.map((b) => {
            const receivable = rnd.int(3000000, 6000000);
            const received = Math.round(receivable * (0.82 + rnd.next() * 0.16));
            return { kind: 'building', item: b.name, amountFen: received, fields: { receivableFen: receivable, receivedFen: received }, attachmentIds: [] };
          }),
          publishedAt: new Date(published.getTime() + 5 * 86400_000),
        });
        plans.push({
          type: 'maintenance_expense',
          period: quarter,
          title: `${quarter.replace('-Q', '年第')}季度设施设备维保支出`,
          content: {},
          lines: [
            { kind: 'expense', item: '电梯季度维保', amountFen: 1800000, fields: { category: 'elevator', contractor: '清河电梯工程有限公司', date: shanghaiDate(published) }, attachmentIds: [await voucher(managerId)] },
            { kind: 'expense', item: '消防设施检测', amountFen: rnd.int(300000, 600000), fields: { category: 'fire', contractor: '清河消防技术服务中心', date: shanghaiDate(published) }, attachmentIds: [await voucher(managerId)] },
          ],
          publishedAt: new Date(published.getTime() + 6 * 86400_000),
        });
      }
    }
    const yearStart = `${now.getUTCFullYear()}`;
    plans.unshift({
      type: 'fee_standard',
      period: yearStart,
      title: `${yearStart}年物业服务收费标准`,
      content: { basis: '依据物业服务合同及《清河县住宅物业服务收费指导价》', effectiveDate: `${yearStart}-01-01` },
      lines: [
        { kind: 'fee_item', item: '物业服务费（住宅）', amountFen: 180, fields: { unit: '元/㎡·月', propertyType: '住宅' }, attachmentIds: [] },
        { kind: 'fee_item', item: '物业服务费（商铺）', amountFen: 360, fields: { unit: '元/㎡·月', propertyType: '商铺' }, attachmentIds: [] },
        { kind: 'fee_item', item: '地下车位管理费', amountFen: 6000, fields: { unit: '元/辆·月' }, attachmentIds: [] },
      ],
      publishedAt: new Date(Date.UTC(now.getUTCFullYear(), 0, 5, 2)),
    });
    const fundVote = votes.get(community.id);
    if (fundVote) {
      // The owners' decision first (民法典 278), published when the vote closed; the withdrawal cites it.
      const closedAt = fundVote.vote.closedAt as Date;
      const passed = fundVote.vote.result?.passedOption !== null;
      plans.push({
        type: 'vote_result',
        period: shanghaiDate(closedAt).slice(0, 7),
        title: `表决结果：${fundVote.vote.title}`.slice(0, 100),
        content: { note: `使用维修资金。${passed ? '通过：同意' : '未通过'}` },
        lines: [],
        publishedAt: closedAt,
        vote: fundVote,
      });
      plans.push({
        type: 'maintenance_fund',
        period: monthPeriod(new Date(now.getTime() - 110 * 86400_000)),
        title: '专项维修资金使用公示：屋面防水',
        content: { note: '经业主共同决定通过' },
        lines: [
          {
            kind: 'withdrawal',
            item: `${buildings[0]?.name ?? '1栋'}屋面防水翻新`,
            amountFen: 8600000,
            fields: { date: shanghaiDate(new Date(now.getTime() - 120 * 86400_000)), voteId: fundVote.vote.id },
            attachmentIds: [await voucher(managerId)],
          },
        ],
        publishedAt: new Date(now.getTime() - 100 * 86400_000),
      });
    }

    // Publish in date order, so the chain is in the order residents saw them.
    plans.sort((a, b) => (a.publishedAt?.getTime() ?? Infinity) - (b.publishedAt?.getTime() ?? Infinity));
    let seq = 0;
    let prevHash: string | null = null;
    for (const plan of plans) {
      const totals = computeTotals(plan.type, plan.content, plan.lines);
      const d = await m.getRepository(Disclosure).save(
        m.getRepository(Disclosure).create({
          communityId: community.id,
          areaPath: community.areaPath,
          type: plan.type,
          period: plan.period,
          title: plan.title,
          state: plan.publishedAt ? 'published' : 'in_review',
          lineageId: null,
          version: 1,
          supersedesId: null,
          correctionReason: null,
          content: plan.content,
          totals,
          reviewRound: 1,
          createdById: managerId,
          submittedAt: plan.publishedAt ? new Date(plan.publishedAt.getTime() - 3 * 86400_000) : new Date(now.getTime() - 86400_000),
          publishedAt: plan.publishedAt,
          signedOffById: null,
          chainSeq: plan.publishedAt ? ++seq : null,
          hash: null,
          prevHash: plan.publishedAt ? prevHash : null,
          createdAt: plan.publishedAt ? new Date(plan.publishedAt.getTime() - 5 * 86400_000) : now,
        }),
      );
      await m.getRepository(Disclosure).update(d.id, { lineageId: d.id });
      d.lineageId = d.id;
      await m.getRepository(DisclosureLine).insert(plan.lines.map((l, i) => ({ disclosureId: d.id, seq: i + 1, ...l })));
      const lines = await m.getRepository(DisclosureLine).find({ where: { disclosureId: d.id } });
      if (plan.publishedAt) {
        // Published as the chair's sign-off publishes: what it derives fixed (shares written), then hashed with it.
        // One still in review has no shares yet: signing it off writes them.
        const facts = plan.vote ? plan.vote.facts : await freezeFacts(m, d, lines);
        if (plan.vote) await m.getRepository(Vote).update(plan.vote.vote.id, { disclosureId: d.id });
        const shas = new Map((await m.getRepository(Upload).findBy({ id: In(lines.flatMap((l) => l.attachmentIds).concat(0)) })).map((u) => [u.id, u.sha256]));
        const hash = disclosureHash({ ...d, lineageId: d.id, facts }, lines, shas);
        await m.getRepository(Disclosure).update(d.id, { hash, facts });
        prevHash = hash;
      } else if (code === 'JXHY') {
        const committee = await m.getRepository(RoleAssignment).findOne({ where: { communityId: community.id, role: 'committee' } });
        if (committee) {
          await m.getRepository(DisclosureReview).insert([
            { disclosureId: d.id, lineId: lines[1].id, round: 1, reviewerId: committee.userId, decision: 'approve', comment: null, answer: null, answeredById: null, answeredAt: null },
            { disclosureId: d.id, lineId: lines[0].id, round: 1, reviewerId: committee.userId, decision: 'query', comment: '用电比上月多了三成，是否有电梯维修用电计入？请说明', answer: null, answeredById: null, answeredAt: null },
          ]);
        }
      }
      count++;
    }

    // Questions from residents on the latest public income.
    const income = await m.getRepository(Disclosure).findOne({ where: { communityId: community.id, type: 'public_income', state: 'published' }, order: { chainSeq: 'DESC' } });
    const askers = await m.getRepository(HouseBinding).find({ where: { communityId: community.id, state: 'approved' }, take: 3, order: { id: 'ASC' } });
    if (income && askers.length) {
      const asked = new Date(now.getTime() - 14 * 86400_000);
      await m.getRepository(DisclosureQuestion).insert([
        { disclosureId: income.id, communityId: community.id, lineId: null, askerId: askers[0].userId, askerMask: '业主', text: '广告收入比去年同期少了，是合同到期了吗？', answer: '有两块道闸广告合同到期，正在重新招商，下季度恢复。', answeredById: managerId, answeredAt: new Date(asked.getTime() + 3 * 86400_000), dueAt: new Date(asked.getTime() + 10 * 86400_000), overdueNotifiedAt: null, createdAt: asked },
        { disclosureId: income.id, communityId: community.id, lineId: null, askerId: askers[askers.length - 1].userId, askerMask: '业主', text: '停车收费人员成本为什么按12%计算？能否公开明细？', answer: null, answeredById: null, answeredAt: null, dueAt: new Date(asked.getTime() + 10 * 86400_000), overdueNotifiedAt: null, createdAt: asked },
      ]);
    }
  }
  return count;
}
