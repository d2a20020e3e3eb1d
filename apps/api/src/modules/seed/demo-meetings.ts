import { EntityManager } from 'typeorm';
import { addDays, meetingItemDeadline, periodDays, quarterOf, shanghaiDate, shanghaiTimeOn, type MeetingAttendee, type MeetingItemState, type MeetingParty } from '@wuye/contracts';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { User } from '../identity/user.entity';
import { Liaison } from '../meetings/liaison.entity';
import { MeetingItemEvent } from '../meetings/meeting-item-event.entity';
import { MeetingCommunity } from '../meetings/meeting-community.entity';
import { MeetingItem } from '../meetings/meeting-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import type { Community } from '../org/community.entity';
import { DEMO_COMMUNITIES } from './demo-county';
import type { DemoIndex } from './demo-seed.service';

/** What estates' joint meetings agree on: the text, the party that answers for it, days to do it. */
const TOPICS: [string, MeetingParty, number][] = [
  ['更换老旧电梯门机，电梯公司出具验收报告', 'property', 30],
  ['清理地下车库消防通道堆放物，建立每周巡查', 'property', 14],
  ['小区东门增设电动自行车集中充电棚', 'committee', 60],
  ['公示公共收益使用方案，征求业主意见', 'committee', 21],
  ['组织党员志愿者开展楼道杂物清理', 'estate_party', 14],
  ['协调供电公司检修单元楼道照明线路', 'community_party', 30],
  ['外墙渗水楼栋申请使用专项维修资金', 'committee', 45],
  ['规范夜间车辆停放，增设临时停车位标线', 'property', 21],
];
/** The county's leaders, each linked to estates (挂钩), as the county assigns them. */
const LEADERS: [string, string][] = [
  ['王建国', '县住建局副局长'],
  ['刘志强', '县委组织部副部长'],
  ['陈红梅', '县民政局副局长'],
  ['张伟', '县司法局副局长'],
  ['李明', '县住建局党组成员'],
  ['周丽', '县信访局副局长'],
];
const AGENDA = ['电梯运行和维保情况', '消防安全隐患整改', '物业费收缴和公共收益使用', '业主反映的停车、噪音问题'];

const at = (day: string, time: string) => new Date(shanghaiTimeOn(day, time));

type Person = { id: number };

/**
 * One agreed item with its history up to `today`: older ones done and verified, recent ones open (late ones in the
 * 督办 queue), reported done, or verified. Whoever reported it done never verifies it: when the keeper reported it
 * (the party organisations' and the leader's items), the next of `verifiers` does; with none, it waits for one.
 */
async function seedItem(
  m: EntityManager,
  meeting: Meeting,
  community: Community,
  topic: [string, MeetingParty, number],
  ctx: { n: number; k: number; today: string; now: Date; keeper: Person; manager: Person | null; ownerName: string; verifiers: Person[] },
): Promise<void> {
  const [text, ownerParty, days] = topic;
  const { n, k, today, now, keeper, heldOn } = { ...ctx, heldOn: meeting.heldOn };
  const deadline = addDays(heldOn, days);
  const deadlineAt = meetingItemDeadline(deadline);
  const doneOn = addDays(heldOn, Math.max(3, days - 5 - ((n + k) % 4)));
  // The last hundred days': some still open (late ones in the 督办 queue), some waiting for the office.
  const recent = heldOn > addDays(today, -100);
  const reporter = ownerParty === 'property' ? (ctx.manager ?? keeper) : keeper;
  const verifier = [keeper, ...ctx.verifiers].find((p) => p.id !== reporter.id);
  let state: MeetingItemState = !recent || doneOn > today ? (doneOn <= today ? 'verified' : 'open') : (n + k) % 3 === 0 ? 'open' : (n + k) % 3 === 1 ? 'done' : 'verified';
  if (state === 'verified' && !verifier) state = 'done';
  const events: { action: string; from: MeetingItemState | null; to: MeetingItemState | null; actorId: number | null; note: string | null; day: string }[] = [
    { action: 'agreed', from: null, to: 'open', actorId: keeper.id, note: null, day: heldOn },
  ];
  if (state !== 'open') events.push({ action: 'done', from: 'open', to: 'done', actorId: reporter.id, note: '已按会议要求落实', day: doneOn });
  if (state === 'verified' && verifier) events.push({ action: 'verify', from: 'done', to: 'verified', actorId: verifier.id, note: '现场核验，落实到位', day: addDays(doneOn, 2) < today ? addDays(doneOn, 2) : doneOn });
  const late = state === 'open' && deadlineAt.getTime() < now.getTime();
  if (late) events.push({ action: 'overdue', from: 'open', to: null, actorId: null, note: null, day: addDays(deadline, 1) });
  const item = await m.getRepository(MeetingItem).save(
    m.getRepository(MeetingItem).create({
      meetingId: meeting.id,
      communityId: community.id,
      text,
      ownerParty,
      ownerName: ctx.ownerName,
      deadlineAt,
      state,
      overdueAt: late ? new Date(deadlineAt.getTime() + 60_000) : null,
      verifiedAt: state === 'verified' ? at(events[events.length - 1].day, '15:00') : null,
      ticketId: null,
      questionId: null,
      rectificationId: null,
      doneById: state === 'open' ? null : reporter.id,
      version: events.length,
      createdAt: at(heldOn, '17:00'),
    }),
  );
  await m.getRepository(MeetingItemEvent).insert(events.map((e) => ({ itemId: item.id, actorId: e.actorId, action: e.action, fromState: e.from, toState: e.to, note: e.note, createdAt: at(e.day, '16:00') })));
}

/**
 * A year of 四方联席会 across the demo county: every estate meets once a quarter, kept by its community office (the
 * county bureau records it where the demo has no office account), with its 挂钩领导 at most of them, one or two agreed
 * items a meeting; and twice a year a 协调委员会 of each office over all its estates, one item for each. Older items
 * are done and verified (never by whoever reported them done); recent ones are open, reported done, or past their
 * deadline in the office's 督办 queue. Written as history with its dates; the lifecycle rules hold in it.
 */
export async function seedDemoMeetings(m: EntityManager, index: DemoIndex, now = new Date()): Promise<number> {
  const bureau = index.users.get('regulator.county');
  if (!bureau) return 0;
  const today = shanghaiDate(now);
  const keepers: Record<string, string> = { 'QHX-CG-NM': 'office.nanmen', 'QHX-XS-LL': 'office.liulin' };
  const town = index.users.get('regulator.town');
  /** Who verifies what the keeper reported: the county bureau, or 城关镇's regulator for its estates. */
  const verifiersOf = (c: Community) => [bureau, ...(town && c.areaPath.startsWith(index.areas.get('QHX-CG')?.path ?? '-') ? [town] : [])];
  const cover = (meeting: Meeting, estates: Community[]) => m.getRepository(MeetingCommunity).insert(estates.map((c) => ({ meetingId: meeting.id, communityId: c.id, areaPath: c.areaPath })));
  // This quarter and the three before it: a year, the meetings not yet held left out.
  const quarters = [quarterOf(today)];
  for (let i = 0; i < 3; i++) quarters.unshift(quarterOf(addDays(periodDays(quarters[0]).from, -1)));
  let meetings = 0;

  for (const [n, demo] of DEMO_COMMUNITIES.entries()) {
    const community = index.communities.get(demo.code);
    const office = index.areas.get(demo.office);
    if (!community || !office) continue;
    const keeper = (keepers[demo.office] && index.users.get(keepers[demo.office])) || bureau;
    const manager = await m.getRepository(RoleAssignment).findOne({ where: { communityId: community.id, role: 'manager' }, order: { id: 'DESC' } });
    const managerName = manager ? ((await m.getRepository(User).findOneBy({ id: manager.userId }))?.displayName ?? null) : null;
    // The estate's 挂钩领导, assigned by the county bureau at the start of the year.
    const [leader, leaderTitle] = LEADERS[n % LEADERS.length];
    await m.getRepository(Liaison).insert({ communityId: community.id, name: leader, title: leaderTitle, assignedById: bureau.id, endedAt: null, createdAt: at(periodDays(quarters[0]).from, '09:00') });
    for (const [qi, quarter] of quarters.entries()) {
      const heldOn = addDays(periodDays(quarter).from, 20 + ((n * 7 + qi * 3) % 30));
      if (heldOn >= today) continue;
      const attendees: MeetingAttendee[] = [
        { party: 'community_party', name: `${office.name}书记` },
        { party: 'estate_party', name: `${demo.name}党支部书记` },
        { party: 'property', name: managerName ?? `${demo.name}项目经理` },
        { party: 'committee', name: `${demo.name}业委会主任` },
        // The liaison leader (挂钩领导) sits in at most estates' meetings; now and then one is missed.
        ...((n + qi) % 4 !== 3 ? [{ party: 'liaison' as const, name: leader }] : []),
      ];
      const topics = [TOPICS[(n * 3 + qi) % TOPICS.length], ...((n + qi) % 2 ? [TOPICS[(n * 3 + qi + 4) % TOPICS.length]] : [])];
      const meeting = await m.getRepository(Meeting).save(
        m.getRepository(Meeting).create({
          communityId: community.id,
          areaPath: community.areaPath,
          officeAreaId: office.id,
          kind: qi % 2 === 1 && n % 3 === 0 ? 'coordination' : 'four_party',
          heldOn,
          attendees,
          minutes: `${quarter.replace('-', '年第').replace('Q', '')}季度联席会议。会议听取了物业服务情况汇报，讨论了${AGENDA[(n + qi) % AGENDA.length]}等事项，形成议定事项${topics.length}项。`,
          signInPhotoIds: [],
          agenda: [AGENDA[(n + qi) % AGENDA.length], AGENDA[(n + qi + 1) % AGENDA.length]].map((text) => ({ text, ticketId: null })),
          createdById: keeper.id,
          idempotencyKey: null,
          createdAt: at(heldOn, '17:00'),
        }),
      );
      await cover(meeting, [community]);
      meetings++;
      for (const [k, topic] of topics.entries()) {
        const ownerParty = topic[1];
        const ownerName = ownerParty === 'property' ? attendees[2].name : (attendees.find((a) => a.party === ownerParty)?.name ?? attendees[0].name);
        await seedItem(m, meeting, community, topic, { n, k, today, now, keeper, manager: manager && { id: manager.userId }, ownerName, verifiers: verifiersOf(community) });
      }
    }
  }

  // 协调委员会: twice a year each office (or the bureau for it) takes up what its estates share, one item for each.
  const offices = [...new Set(DEMO_COMMUNITIES.map((d) => d.office))];
  for (const [o, code] of offices.entries()) {
    const office = index.areas.get(code);
    const estates = DEMO_COMMUNITIES.filter((d) => d.office === code).flatMap((d) => index.communities.get(d.code) ?? []);
    if (!office || estates.length < 2) continue;
    const keeper = (keepers[code] && index.users.get(keepers[code])) || bureau;
    for (const qi of [1, 3]) {
      const heldOn = addDays(periodDays(quarters[qi]).from, 35 + o * 4);
      if (heldOn >= today) continue;
      const meeting = await m.getRepository(Meeting).save(
        m.getRepository(Meeting).create({
          communityId: estates[0].id,
          areaPath: estates[0].areaPath,
          officeAreaId: office.id,
          kind: 'coordination',
          heldOn,
          attendees: [
            { party: 'community_party', name: `${office.name}书记` },
            ...estates.map((c) => ({ party: 'property' as const, name: `${c.name}项目经理` })),
            ...estates.map((c) => ({ party: 'committee' as const, name: `${c.name}业委会主任` })),
          ],
          minutes: `${office.name}社区党建工作协调委员会会议，${estates.map((c) => c.name).join('、')}共同参加。会议协调了各小区共性问题，形成议定事项${estates.length}项。`,
          signInPhotoIds: [],
          agenda: [{ text: '相邻小区共用道路和围墙的维护分工', ticketId: null }, { text: AGENDA[(o + qi) % AGENDA.length], ticketId: null }],
          createdById: keeper.id,
          idempotencyKey: null,
          createdAt: at(heldOn, '17:00'),
        }),
      );
      await cover(meeting, estates);
      meetings++;
      for (const [k, c] of estates.entries()) {
        const topic = TOPICS[(o * 2 + qi + k * 5) % TOPICS.length];
        const ownerName = topic[1] === 'property' ? `${c.name}项目经理` : topic[1] === 'committee' ? `${c.name}业委会主任` : `${office.name}书记`;
        await seedItem(m, meeting, c, topic, { n: o + k, k: qi, today, now, keeper, manager: null, ownerName, verifiers: verifiersOf(c) });
      }
    }
  }
  return meetings;
}
