import sharp from 'sharp';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { RATING_TAGS, RATING_WINDOW_DAYS, TICKET_SOURCE_LABELS, WORKING_TICKET_STATES, type ProxyChannel, type ReturnVisitState, type TicketKind, type TicketState } from '@wuye/contracts';
import { User } from '../identity/user.entity';
import { HouseBinding } from '../identity/house-binding.entity';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { ticketDeadlines } from '../tickets/deadlines';
import { Escalation } from '../tickets/escalation.entity';
import { TicketCategoryRow } from '../tickets/ticket-category.entity';
import { TicketEvent, type EventActorRole } from '../tickets/ticket-event.entity';
import { Ticket } from '../tickets/ticket.entity';
import { OPEN311_TICKET_SOURCE } from '../tickets/open311-input';
import type { UploadsService } from '../uploads/uploads.service';
import { Upload } from '../uploads/upload.entity';

/** A small deterministic generator: the demo looks the same on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

/** What residents write, per category: place and problem. */
export const DEMO_PROBLEMS: Record<string, { place: string; text: string }[]> = {
  hygiene: [
    { place: '{b}垃圾投放点', text: '垃圾桶满了溢出来，味道很大，请尽快清运' },
    { place: '{b}楼道', text: '楼道里有人堆放杂物，好几天没人清理' },
    { place: '小区中心花园', text: '花园里狗粪没人清理' },
  ],
  facility: [
    { place: '{b}门口', text: '路灯不亮，晚上进出很黑，老人容易摔倒' },
    { place: '{b}单元门', text: '单元门禁刷卡没反应，门关不上' },
    { place: '小区健身区', text: '健身器材螺丝松了，晃得厉害' },
    { place: '{b}楼顶', text: '下雨天顶楼楼道漏水' },
  ],
  fire: [
    { place: '{b}消防通道', text: '消防通道被电动车堵住了' },
    { place: '{b}楼道', text: '楼道灭火器过期了，压力表在红区' },
  ],
  elevator: [
    { place: '{b}电梯', text: '电梯运行有异响，门关得很慢' },
    { place: '{b}电梯', text: '电梯按钮失灵，按了不亮' },
  ],
  safety: [
    { place: '{b}外墙', text: '外墙瓷砖有松动，怕掉下来砸到人' },
    { place: '地下车库入口', text: '车库入口减速带坏了，有钉子露出来' },
  ],
  greening: [
    { place: '{b}旁绿地', text: '树枝挡住了二楼窗户，需要修剪' },
    { place: '小区南门', text: '草坪很久没修剪，蚊子很多' },
  ],
  parking: [
    { place: '{b}楼下', text: '有车长期占用消防车道停放' },
    { place: '地下车库', text: '我的车位被别人的车占了' },
  ],
  noise: [
    { place: '{b}', text: '晚上十点后还有装修电钻声' },
    { place: '小区广场', text: '广场舞音响太大声，晚上九点后还在放' },
  ],
  other: [{ place: '物业服务中心', text: '希望增加快递柜' }],
};

const FEEDBACK = ['已安排维修人员处理完毕，请查看照片', '已清理干净，后续加强巡查', '已联系相关单位处理，现已恢复正常', '已更换损坏部件，测试正常'];
const KIND_BY_CATEGORY: Record<string, TicketKind> = { fire: 'hazard', safety: 'hazard', noise: 'complaint', parking: 'complaint', other: 'suggestion' };

/** Photos drawn, not photographed: flat colour fields with a few shapes, like snapshots of walls and floors. */
async function demoPhoto(i: number): Promise<Buffer> {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720">
    <rect width="960" height="720" fill="hsl(${hue},35%,62%)"/>
    <rect x="0" y="470" width="960" height="250" fill="hsl(${hue},20%,40%)"/>
    <circle cx="${200 + ((i * 83) % 560)}" cy="300" r="${60 + (i % 5) * 12}" fill="hsl(${(hue + 180) % 360},45%,55%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

interface Step {
  action: string;
  to: TicketState;
  role: EventActorRole;
  minutesAfter: number;
}

/**
 * A few hundred tickets over the last 90 days across the demo county, in every state, with photos, feedback,
 * ratings, overdue ones escalated to their community office. Written straight to the tables (the demo is history).
 */
export async function storeDemoPhotos(uploads: UploadsService, ownerId: number, count = 12): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await uploads.upload(await demoPhoto(i), ownerId)).id);
  return ids;
}

/** Callers of 代报 tickets (fictional; 139 0000 xxxx numbers). */
const DEMO_CALLERS = ['王先生', '李女士', '赵大爷', '孙阿姨', '周先生', '吴女士'];
const DEMO_CHANNELS: ProxyChannel[] = ['12345', 'phone', 'visit', 'petition', 'direct_line'];

export async function seedDemoTickets(
  m: EntityManager,
  photoPool: number[],
  communities: Community[],
  categoriesOf: (communityId: number, m: EntityManager) => Promise<TicketCategoryRow[]>,
  /** A caller's phone as stored: encrypted and masked (the service's key). */
  callerPhone: (phone: string) => { callerPhoneCipher: string; callerPhoneMasked: string },
  now = new Date(),
): Promise<number> {
  const rnd = prng(20261128);
  // Which tickets came by another channel (代报) is drawn apart, so the rest of the demo stays as it was; the demo
  // accounts' own tickets stay theirs.
  const channelRnd = prng(19);
  const demoAccounts = new Set((await m.getRepository(User).find({ where: { devKey: Not(IsNull()) } })).map((u) => u.id));
  // Photos were stored once through the real pipeline; each ticket gets upload rows of its own pointing at them.
  const originals = await m.getRepository(Upload).findBy({ id: In(photoPool) });
  const photoRow = async (ownerId: number) => {
    const o = rnd.pick(originals);
    const saved = await m.getRepository(Upload).save(m.getRepository(Upload).create({ ...o, id: undefined, ownerId, attachedAt: now, moderation: 'none', moderationTraceId: null }));
    return saved.id;
  };

  let total = 0;
  for (const community of communities) {
    const residents = await m.getRepository(HouseBinding).find({ where: { communityId: community.id, state: 'approved' } });
    const roles = await m.getRepository(RoleAssignment).find({ where: { communityId: community.id } });
    const managerId = roles.find((r) => r.role === 'manager')?.userId ?? null;
    const staffIds = roles.filter((r) => r.role === 'staff').map((r) => r.userId);
    // The community office records return visits (回访): 代报 tickets are seeded only where the demo has one.
    const officeId = (await m.getRepository(RoleAssignment).findOne({ where: { role: 'community_office', areaId: community.areaId } }))?.userId ?? null;
    const buildings = await m.getRepository(Building).find({ where: { communityId: community.id } });
    const categories = await categoriesOf(community.id, m);
    const houses = await m.getRepository(House).find({ where: { communityId: community.id }, take: 200 });
    const count = 22 + rnd.int(0, 10);
    for (let n = 0; n < count; n++) {
      const reporter = residents.length ? rnd.pick(residents) : null;
      const category = rnd.pick(categories);
      const problem = rnd.pick(DEMO_PROBLEMS[category.code] ?? DEMO_PROBLEMS.other);
      const building = rnd.pick(buildings);
      const ownHouse = category.code === 'facility' && reporter && rnd.next() < 0.25;
      const kind = KIND_BY_CATEGORY[category.code] ?? 'repair';
      const roll = rnd.next();
      const target: TicketState =
        roll < 0.45 ? 'closed' : roll < 0.55 ? 'resolved' : roll < 0.65 ? 'in_progress' : roll < 0.72 ? 'assigned' : roll < 0.79 ? 'accepted' : roll < 0.9 ? 'submitted' : roll < 0.95 ? 'rejected' : 'cancelled';
      // Finished tickets spread over 90 days; open ones are recent, a few of them past their deadline.
      const ageMinutes =
        target === 'submitted'
          ? category.responseMinutes * (0.2 + rnd.next() * 1.1)
          : WORKING_TICKET_STATES.includes(target)
            ? category.resolutionMinutes * (0.15 + rnd.next() * 1.0)
            : target === 'resolved'
              ? category.resolutionMinutes * 0.9 + rnd.int(60, 6 * 24 * 60)
              : rnd.int(3 * 24 * 60, 90 * 24 * 60);
      const createdAt = new Date(now.getTime() - ageMinutes * 60_000);
      const due = ticketDeadlines(createdAt, category);
      const responseLate = rnd.next() < 0.12;
      const responded = new Date(createdAt.getTime() + (responseLate ? category.responseMinutes * 1.5 : category.responseMinutes * rnd.next() * 0.8) * 60_000);
      const resolveLate = rnd.next() < 0.15;
      const resolvedAt = new Date(createdAt.getTime() + (resolveLate ? category.resolutionMinutes * 1.3 : category.resolutionMinutes * (0.2 + rnd.next() * 0.7)) * 60_000);
      const steps: Step[] = [];
      const path: Record<TicketState, string[]> = {
        submitted: [],
        accepted: ['accept'],
        assigned: ['accept', 'assign'],
        in_progress: ['accept', 'assign', 'start'],
        resolved: ['accept', 'assign', 'start', 'resolve'],
        closed: ['accept', 'assign', 'start', 'resolve', 'close'],
        rejected: ['reject'],
        cancelled: ['cancel'],
      };
      const stateAfter: Record<string, TicketState> = { accept: 'accepted', assign: 'assigned', start: 'in_progress', resolve: 'resolved', close: 'closed', reject: 'rejected', cancel: 'cancelled' };
      for (const action of path[target]) {
        const at =
          action === 'accept' || action === 'reject'
            ? responded
            : action === 'cancel'
              ? new Date(createdAt.getTime() + 20 * 60_000)
              : action === 'resolve'
                ? resolvedAt
                : action === 'close'
                  ? new Date(resolvedAt.getTime() + rnd.int(30, 3 * 24 * 60) * 60_000)
                  : new Date(responded.getTime() + rnd.int(10, 240) * 60_000);
        steps.push({ action, to: stateAfter[action], role: action === 'close' || action === 'cancel' ? 'reporter' : action === 'start' || action === 'resolve' ? 'staff' : 'manager', minutesAfter: (at.getTime() - createdAt.getTime()) / 60_000 });
      }
      // Steps that would lie in the future are left undone: the ticket waits there.
      const done = steps.filter((s) => createdAt.getTime() + s.minutesAfter * 60_000 < now.getTime());
      const state = done.length ? done[done.length - 1].to : 'submitted';
      const at = (s: Step) => new Date(createdAt.getTime() + s.minutesAfter * 60_000);
      const accept = done.find((s) => s.action === 'accept' || s.action === 'reject');
      const resolve = done.find((s) => s.action === 'resolve');
      const assigneeId = done.some((s) => s.action === 'assign') && staffIds.length ? rnd.pick(staffIds) : null;
      const residentId = reporter?.userId ?? null;
      const proxy: ProxyChannel | null =
        managerId !== null && officeId !== null && (residentId === null || !demoAccounts.has(residentId)) && !['rejected', 'cancelled'].includes(state) && channelRnd.next() < 0.25 ? channelRnd.pick(DEMO_CHANNELS) : null;
      const reporterId = proxy ? null : residentId;
      const rated = state === 'closed' && rnd.next() < 0.8 && !proxy;
      const stars = rated ? (rnd.next() < 0.72 ? rnd.int(4, 5) : rnd.int(1, 3)) : null;
      const photoIds = residentId !== null && rnd.next() < 0.7 ? [await photoRow(residentId)] : [];
      // 回访: a 代报 ticket once resolved (some callers never reached); an app ticket left unrated past the window.
      const unreachable = proxy !== null && state === 'closed' && channelRnd.next() < 0.2;
      const closedAtOf = state === 'closed' ? at(done[done.length - 1]) : null;
      const returnVisit: ReturnVisitState | null = proxy
        ? state === 'resolved'
          ? 'due'
          : state === 'closed'
            ? unreachable
              ? 'unreachable'
              : 'satisfied'
            : null
        : closedAtOf && !rated && closedAtOf.getTime() < now.getTime() - RATING_WINDOW_DAYS * 86400_000
          ? 'due'
          : null;
      const caller = proxy ? DEMO_CALLERS[total % DEMO_CALLERS.length] : null;
      const house = ownHouse && reporter ? houses.find((h) => h.id === reporter.houseId) : undefined;
      const overdueNow = (state === 'submitted' && due.responseDueAt < now) || (WORKING_TICKET_STATES.includes(state) && due.resolutionDueAt < now);
      const ticket = await m.getRepository(Ticket).save(
        m.getRepository(Ticket).create({
          communityId: community.id,
          areaPath: community.areaPath,
          reporterId,
          source: proxy ?? (reporterId === null ? OPEN311_TICKET_SOURCE : 'app'),
          filedById: proxy ? managerId : null,
          callerName: caller,
          ...(proxy ? callerPhone(`1390000${String(1000 + total).slice(-4)}`) : { callerPhoneCipher: null, callerPhoneMasked: null }),
          returnVisit,
          returnVisitTries: unreachable ? 3 : 0,
          returnVisitTriedOn: null,
          kind,
          categoryCode: category.code,
          categoryName: category.name,
          emergency: category.emergency,
          description: problem.text,
          photoIds,
          houseId: house?.id ?? null,
          place: house ? null : problem.place.replace('{b}', building?.name ?? ''),
          lat: null,
          long: null,
          visibility: house || kind === 'complaint' ? 'private' : 'public',
          reporterMask: proxy ? `${TICKET_SOURCE_LABELS[proxy]}反映` : reporterId === null ? '12345热线' : `${building?.name ?? ''}业主`,
          state,
          assigneeId,
          externalAssignee: null,
          ...due,
          acceptedAt: accept ? at(accept) : null,
          resolvedAt: resolve ? at(resolve) : null,
          closedAt: state === 'closed' || state === 'cancelled' ? at(done[done.length - 1]) : null,
          responseOverdueAt: (accept ? at(accept) : now) > due.responseDueAt ? due.responseDueAt : null,
          resolutionOverdueAt: overdueNow && state !== 'submitted' ? due.resolutionDueAt : null,
          respondedOnTime: accept ? at(accept) <= due.responseDueAt : null,
          resolvedOnTime: resolve ? at(resolve) <= due.resolutionDueAt : null,
          escalatedAt: overdueNow ? due.resolutionDueAt : null,
          reopenCount: 0,
          followerCount: 0,
          ratingStars: stars,
          ratingTags: rated ? [stars && stars >= 4 ? rnd.pick(RATING_TAGS.slice(0, 4)) : rnd.pick(RATING_TAGS.slice(4))] : null,
          ratingComment: rated && stars && stars >= 4 ? '处理及时，谢谢物业' : rated ? '希望下次快一点' : null,
          ratedAt: rated ? now : null,
          heldForReview: false,
          idempotencyKey: null,
          createdAt,
        }),
      );
      const events: Partial<TicketEvent>[] = [
        proxy
          ? { ticketId: ticket.id, actorId: managerId, actorRole: 'manager', action: 'created', fromState: null, toState: 'submitted', note: `${TICKET_SOURCE_LABELS[proxy]}代报`, photoIds: [], createdAt }
          : { ticketId: ticket.id, actorId: reporterId, actorRole: reporterId === null ? 'hotline' : 'reporter', action: 'created', fromState: null, toState: 'submitted', note: null, photoIds: [], createdAt },
      ];
      let from: TicketState = 'submitted';
      for (const step of done) {
        // A 代报 ticket is closed by its return visit, not by a reporter in the app.
        const s: Step = proxy && step.action === 'close' ? { ...step, action: unreachable ? 'visit_unreachable' : 'visit_satisfied', role: 'office' } : step;
        const actorId = s.role === 'reporter' ? reporterId : s.role === 'staff' ? (assigneeId ?? managerId) : s.role === 'office' ? officeId : managerId;
        const feedbackPhoto = s.action === 'resolve' && actorId !== null ? [await photoRow(actorId)] : [];
        events.push({
          ticketId: ticket.id,
          actorId,
          actorRole: s.role,
          action: s.action,
          fromState: from,
          toState: s.to,
          note:
            s.action === 'resolve'
              ? rnd.pick(FEEDBACK)
              : s.action === 'reject'
                ? '经核实不属于物业服务范围，已告知向社区反映'
                : s.action === 'visit_satisfied'
                  ? '回访满意'
                  : s.action === 'visit_unreachable'
                    ? '第 3 次回访仍未联系上，按无法联系办结'
                    : null,
          photoIds: feedbackPhoto,
          createdAt: at(s),
        });
        from = s.to;
      }
      if (returnVisit === 'due' && !proxy) {
        events.push({ ticketId: ticket.id, actorId: null, actorRole: 'system', action: 'visit_due', fromState: 'closed', toState: 'closed', note: `报事人 ${RATING_WINDOW_DAYS} 天内未评价，待回访`, photoIds: [], createdAt: now });
      }
      if (rated) events.push({ ticketId: ticket.id, actorId: reporterId, actorRole: 'reporter', action: 'rate', fromState: 'closed', toState: 'closed', note: '★'.repeat(stars as number), photoIds: [], createdAt: now });
      if (overdueNow) {
        events.push({ ticketId: ticket.id, actorId: null, actorRole: 'system', action: 'escalated', fromState: state, toState: state, note: '已提请社区督办：超时未办结', photoIds: [], createdAt: now });
        await m.getRepository(Escalation).insert({ ticketId: ticket.id, communityId: community.id, officeAreaId: community.areaId, reason: state === 'submitted' ? 'response_overdue' : 'resolution_overdue', state: 'open', deadlineAt: null, closedAt: null, closedById: null, closingNote: null });
      }
      await m.getRepository(TicketEvent).insert(events);
      total++;
    }
  }
  return total;
}
