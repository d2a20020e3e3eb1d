import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  DAY_MS,
  addDays,
  inspectionScore,
  periodDays,
  quarterOf,
  rectificationDeadline,
  shanghaiDate,
  shanghaiTimeOn,
  type InspectionSection,
  type ItemResult,
  type PatrolPointKind,
  type RectificationState,
  type TemplateItem,
} from '@wuye/contracts';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { InspectionTemplate } from '../inspections/inspection-template.entity';
import { Inspection } from '../inspections/inspection.entity';
import { RectificationEvent } from '../inspections/rectification-event.entity';
import { Rectification } from '../inspections/rectification.entity';
import { PatrolCheck, PatrolPlan, PatrolPoint } from '../patrols/patrol.entities';
import { DEMO_COMMUNITIES } from './demo-county';
import type { DemoIndex } from './demo-seed.service';

/** The county's checklist, by the sections of the graded service standard. */
const ITEMS: [InspectionSection, string, number, string][] = [
  ['management', '服务合同、收费标准在小区显著位置公示', 8, '收费标准公示牌缺失'],
  ['management', '物业服务中心有人值守，报修记录完整', 8, '报修台账记录不全'],
  ['order', '出入口24小时值守，外来人员登记', 10, '夜间岗亭无人值守'],
  ['order', '机动车停放有序，不占用消防车道', 8, '车辆占用消防车道'],
  ['cleaning', '公共区域清洁，垃圾日产日清', 10, '3栋垃圾桶满溢未清运'],
  ['cleaning', '楼道无堆放杂物', 8, '楼道堆放纸箱杂物'],
  ['greening', '绿化修剪及时，无枯死', 6, '中心绿地枯死苗木未补种'],
  ['facilities', '电梯年检合格、标志在有效期内', 12, '2号电梯年检标志过期'],
  ['facilities', '二次供水设施定期清洗消毒', 8, '水箱清洗记录缺失'],
  ['fire', '消防通道畅通，无占用堵塞', 12, '地下室消防通道堆放杂物'],
  ['fire', '灭火器、消火栓完好有效', 10, '灭火器压力不足'],
];
const TEMPLATE_ITEMS: TemplateItem[] = ITEMS.map(([section, text, weight], i) => ({ code: `i${i + 1}`, section, text, weight }));

const POINTS: [PatrolPointKind, string, string][] = [
  ['fire_lane', '地下消防通道', '地下车库东侧'],
  ['pump_room', '水泵房', '地下二层'],
  ['power_room', '配电房', '1号楼负一层'],
];

const at = (day: string, time: string) => new Date(shanghaiTimeOn(day, time));

/**
 * Last quarter across the demo county: the county's checklist, one quarterly inspection of every estate (by its
 * community office where the demo has one, else the county bureau) with its orders in every state — put right and
 * 销号, waiting for the office, returned, and overdue in the office's 督办 queue — and the daily patrols of three
 * check points per estate, a few days missed. Written as history with its dates; the lifecycle rules hold in it.
 */
export async function seedDemoInspections(m: EntityManager, index: DemoIndex, photos: number[], now = new Date()): Promise<{ inspections: number; checks: number }> {
  const county = index.areas.get('QHX');
  const bureau = index.users.get('regulator.county');
  if (!county || !bureau) return { inspections: 0, checks: 0 };
  const template = await m.getRepository(InspectionTemplate).save(m.getRepository(InspectionTemplate).create({ areaId: county.id, name: '清河县住宅小区物业服务季度检查表', items: TEMPLATE_ITEMS, updatedById: bureau.id }));
  const today = shanghaiDate(now);
  const quarter = periodDays(quarterOf(addDays(periodDays(quarterOf(today)).from, -1)));
  const offices: Record<string, string> = { 'QHX-CG-NM': 'office.nanmen', 'QHX-XS-LL': 'office.liulin' };
  let inspections = 0;
  let checks = 0;

  for (const [n, demo] of DEMO_COMMUNITIES.entries()) {
    const community = index.communities.get(demo.code);
    const company = index.companies.get(demo.company);
    if (!community || !company) continue;
    const managers = await m.getRepository(RoleAssignment).find({ where: { communityId: community.id, companyId: company.id, role: 'manager' }, order: { id: 'ASC' } });
    const staff = await m.getRepository(RoleAssignment).find({ where: { communityId: community.id, companyId: company.id, role: 'staff' }, order: { id: 'ASC' } });
    const office = offices[demo.office] ? index.users.get(offices[demo.office]) : undefined;
    const inspector = office ?? bureau;
    const issuingArea = office ? (index.areas.get(demo.office) ?? county) : county;

    // ─── The quarter's inspection ───
    const inspectedOn = addDays(quarter.from, 8 + n * 6);
    const failing = TEMPLATE_ITEMS.filter((_, k) => (n * 5 + k * 3) % 11 < 2 + (n % 3));
    const items = TEMPLATE_ITEMS.map((item, k) => {
      const fail = failing.includes(item);
      const result: ItemResult = fail ? 'fail' : k === 8 && n % 3 === 0 ? 'na' : 'pass';
      return { ...item, result, note: fail ? ITEMS[k][3] : null, photoIds: fail ? [photos[(n + k) % photos.length]] : [] };
    });
    const score = inspectionScore(items);
    const inspection = await m.getRepository(Inspection).save(
      m.getRepository(Inspection).create({
        communityId: community.id,
        areaPath: community.areaPath,
        companyId: company.id,
        templateId: template.id,
        templateName: template.name,
        kind: n % 5 === 4 ? 'joint' : 'quarterly',
        inspectedOn,
        inspectors: office ? [inspector.displayName] : [inspector.displayName, '县消防救援大队 陈参谋'],
        tracedTicketIds: [],
        items,
        scoreTenths: score === null ? null : Math.round(score * 10),
        issuingAreaId: issuingArea.id,
        createdById: inspector.id,
        idempotencyKey: null,
        createdAt: at(inspectedOn, '16:00'),
      }),
    );
    inspections++;
    const manager = managers[managers.length - 1];
    for (const [k, item] of items.filter((i) => i.result === 'fail').entries()) {
      const deadlineAt = rectificationDeadline(inspectedOn, 15);
      // Their story: put right and 销号, waiting for the office, returned, or left past the deadline.
      const story = (['verified', 'replied', 'returned', 'open'] as const)[(n + k) % 4];
      const events: { action: string; from: RectificationState | null; to: RectificationState | null; actorId: number | null; note: string | null; photoIds: number[]; day: string }[] = [
        { action: 'issued', from: null, to: 'open', actorId: inspector.id, note: null, photoIds: [], day: inspectedOn },
      ];
      const reply = (day: string, from: RectificationState) => events.push({ action: 'reply', from, to: 'replied', actorId: manager?.userId ?? null, note: '已按要求整改完毕，请复查', photoIds: [photos[(n + k + 5) % photos.length]], day });
      let state: RectificationState = 'open';
      if (story !== 'open') {
        reply(addDays(inspectedOn, 6), 'open');
        state = 'replied';
      }
      if (story === 'returned') {
        events.push({ action: 'return', from: 'replied', to: 'returned', actorId: inspector.id, note: '复查仍未整改到位，请继续整改', photoIds: [], day: addDays(inspectedOn, 9) });
        state = 'returned';
      }
      if (story === 'verified') {
        events.push({ action: 'verify', from: 'replied', to: 'verified', actorId: inspector.id, note: '复查合格，予以销号', photoIds: [], day: addDays(inspectedOn, 10) });
        state = 'verified';
      }
      const late = (state === 'open' || state === 'returned') && deadlineAt.getTime() < now.getTime();
      if (late) events.push({ action: 'overdue', from: state, to: null, actorId: null, note: null, photoIds: [], day: shanghaiDate(deadlineAt.getTime() + DAY_MS / 4) });
      const order = await m.getRepository(Rectification).save(
        m.getRepository(Rectification).create({
          inspectionId: inspection.id,
          communityId: community.id,
          areaPath: community.areaPath,
          companyId: company.id,
          section: item.section,
          itemCode: item.code,
          itemText: item.text,
          note: item.note ?? '',
          photoIds: item.photoIds,
          state,
          deadlineAt,
          overdueAt: late ? new Date(deadlineAt.getTime() + 60_000) : null,
          verifiedAt: state === 'verified' ? at(addDays(inspectedOn, 10), '15:00') : null,
          issuingAreaId: issuingArea.id,
          version: events.length,
          createdAt: at(inspectedOn, '16:00'),
        }),
      );
      await m.getRepository(RectificationEvent).insert(events.map((e) => ({ rectificationId: order.id, actorId: e.actorId, action: e.action, fromState: e.from, toState: e.to, note: e.note, photoIds: e.photoIds, createdAt: at(e.day, '16:00') })));
    }

    // ─── Daily patrols since the quarter began ───
    const patroller = staff[0];
    if (!patroller) continue;
    const points = await m.getRepository(PatrolPoint).save(
      POINTS.map(([kind, name, place]) => m.getRepository(PatrolPoint).create({ communityId: community.id, name, place, kind, code: randomBytes(8).toString('hex'), active: true, createdById: manager?.userId ?? patroller.userId, createdAt: at(quarter.from, '09:00') })),
    );
    const plan = await m.getRepository(PatrolPlan).save(
      m.getRepository(PatrolPlan).create({ communityId: community.id, name: '消防与设备日巡', pointIds: points.map((p) => p.id), frequency: 'daily', windowStart: '08:00', windowEnd: '11:00', assigneeId: patroller.userId, startsOn: quarter.from, createdById: manager?.userId ?? patroller.userId }),
    );
    const rows: Partial<PatrolCheck>[] = [];
    for (let day = quarter.from, d = 0; day < today; day = addDays(day, 1), d++) {
      for (const [k, point] of points.entries()) {
        const checkedAt = at(day, `${String(8 + k).padStart(2, '0')}:${String(10 + n).padStart(2, '0')}`);
        const row = { communityId: community.id, pointId: point.id, planId: plan.id, result: 'normal' as const, note: null, photoIds: [], checkedAt, checkedById: patroller.userId, ticketId: null, idempotencyKey: null };
        // A few missed: the pump room on some weekends, more often at the estates with weaker service; there, some
        // of them were filled in two days later with the time of the window (补录: shown, not counted as done).
        if ((d * 7 + k * 5 + n) % (n % 3 === 2 ? 9 : 23) === 0) {
          if (n % 3 === 2 && d % 2 === 0 && addDays(day, 2) < today) rows.push({ ...row, createdAt: at(addDays(day, 2), '17:40') });
          continue;
        }
        rows.push({ ...row, createdAt: new Date(checkedAt.getTime() + 60_000) });
      }
    }
    for (let i = 0; i < rows.length; i += 500) await m.getRepository(PatrolCheck).insert(rows.slice(i, i + 500));
    checks += rows.length;
  }
  return { inspections, checks };
}
