/**
 * 隐患排查: check points of an estate (each with a printable code the app scans), patrol plans (points, frequency,
 * time window, assignee), checks (an abnormal one opens a hazard ticket that runs the normal loop), and which
 * periods a plan's points were missed in.
 */
import type { PhotoView, TicketState } from './tickets';
import { DAY_MS, addDays, lastDayOfMonth, shanghaiDateTime } from './time';

export const PATROL_POINT_KIND_LABELS = {
  fire_lane: '消防通道',
  pump_room: '水泵房',
  elevator_room: '电梯机房',
  power_room: '配电房',
  fire_control: '消防控制室',
  other: '其他',
} as const;
export type PatrolPointKind = keyof typeof PATROL_POINT_KIND_LABELS;
export const PATROL_POINT_KINDS = Object.keys(PATROL_POINT_KIND_LABELS) as PatrolPointKind[];

/** The ticket category an abnormal check at a point of this kind is filed under (kind: hazard). */
export const PATROL_HAZARD_CATEGORY: Record<PatrolPointKind, string> = {
  fire_lane: 'fire',
  fire_control: 'fire',
  elevator_room: 'elevator',
  pump_room: 'safety',
  power_room: 'safety',
  other: 'safety',
};

export const PATROL_FREQUENCY_LABELS = { daily: '每天', weekly: '每周', monthly: '每月' } as const;
export type PatrolFrequency = keyof typeof PATROL_FREQUENCY_LABELS;
export const PATROL_FREQUENCIES = Object.keys(PATROL_FREQUENCY_LABELS) as PatrolFrequency[];

export const PATROL_RESULT_LABELS = { normal: '正常', abnormal: '异常' } as const;
export type PatrolResult = keyof typeof PATROL_RESULT_LABELS;
export const PATROL_RESULTS = Object.keys(PATROL_RESULT_LABELS) as PatrolResult[];

export const PATROL_POINTS_PER_PLAN_MAX = 50;
/** An offline check may be sent up to this many days after it was made. */
export const PATROL_CHECK_LATE_DAYS = 7;
/**
 * The time a check was made comes from the phone, so it is trusted only when the check reached the server within
 * this many minutes of it (a round in a basement, sent once back in signal). Sent later, it is 补录: kept and shown
 * with both times, but never counted as done; otherwise staff could fill a month's missed rounds with back-dated
 * checks and raise the completion rate beside the star-rating form.
 */
export const PATROL_CHECK_SYNC_MINUTES = 120;

/** What the printed code holds: the app scans it (wx.scanCode) and opens the point. */
export const patrolCodeText = (pointId: number, code: string) => `WYPATROL:${pointId}:${code}`;
export function parsePatrolCode(text: string): { pointId: number; code: string } | null {
  const match = /^WYPATROL:(\d+):([a-f0-9]{16})$/.exec(text.trim());
  return match ? { pointId: Number(match[1]), code: match[2] } : null;
}

export interface PatrolPointInput {
  name: string;
  place: string;
  kind: PatrolPointKind;
}

export interface PatrolPointView extends PatrolPointInput {
  id: number;
  communityId: number;
  code: string;
  /** The latest check, if any. */
  lastCheck: { result: PatrolResult; checkedAt: string } | null;
}

export interface PatrolPlanInput {
  communityId: number;
  name: string;
  pointIds: number[];
  frequency: PatrolFrequency;
  /** HH:MM, Asia/Shanghai. */
  windowStart: string;
  windowEnd: string;
  assigneeId: number;
}

/** The plan as the manager last wrote it (name, points, frequency, window, assignee), and the round in progress. */
export interface PatrolPlanView extends PatrolPlanInput {
  id: number;
  communityName: string;
  assigneeName: string;
  /**
   * The round of the period in progress: its frequency and window, which are the plan's unless an edit waits for
   * the period to end (`pending`).
   */
  round: Pick<PatrolPlanInput, 'frequency' | 'windowStart' | 'windowEnd'>;
  /** The period the plan is in now, and each of the round's points with its check in that period (null: still to do). */
  period: { from: string; to: string };
  /**
   * late: the check this period does not count as done: it fell outside the time window (超时巡检), or it was sent
   * long after the time it claims (sentLate, 补录). retired: the point was retired (停用) during the period; its round
   * still counts, and it can no longer be checked.
   */
  points: { id: number; name: string; place: string; kind: PatrolPointKind; checkedAt: string | null; result: PatrolResult | null; late: boolean; sentLate: boolean; retired: boolean }[];
  /** When the plan as written takes effect, if an edit waits for the period in progress to end (a Shanghai date). */
  pending: { from: string } | null;
}

/** What a manager may change of a plan (the estate stays). */
export type PatrolPlanUpdate = Omit<PatrolPlanInput, 'communityId'>;

export interface PatrolCheckInput {
  pointId: number;
  planId?: number;
  result: PatrolResult;
  /** Required when abnormal: what is wrong (the hazard ticket's description). */
  note?: string;
  /** At least one when abnormal. */
  photoIds?: number[];
  /** When it was checked (an offline check is sent later); default now. */
  checkedAt?: string;
  /** The scanned code, when the point was opened by scanning it. */
  code?: string;
}

export interface PatrolCheckView {
  id: number;
  pointId: number;
  pointName: string;
  planId: number | null;
  result: PatrolResult;
  note: string | null;
  photos: PhotoView[];
  /** When it was made, as the phone says; receivedAt: when the server got it. */
  checkedAt: string;
  receivedAt: string;
  checkedBy: string;
  /** The hazard ticket an abnormal check opened. */
  ticketId: number | null;
}

/** 隐患台账: the estate's hazard tickets by severity and age. */
export interface HazardView {
  ticketId: number;
  categoryName: string;
  summary: string;
  place: string | null;
  state: TicketState;
  emergency: boolean;
  createdAt: string;
  ageDays: number;
  /** Open past the resolution deadline of its category. */
  overdue: boolean;
  /** The check point whose abnormal check opened it, if any. */
  pointName: string | null;
}

export interface HazardRegister {
  open: number;
  overdue: number;
  emergency: number;
  items: HazardView[];
}

export interface MissedPatrol {
  planId: number;
  planName: string;
  pointId: number;
  pointName: string;
  period: { from: string; to: string };
}

/**
 * A round checked, but not in time: only outside the plan's window (超时巡检), or sent so long after the time it claims
 * that the time cannot be trusted (sentLate: 补录). checkedAt is the time recorded on the phone, receivedAt the server's.
 */
export interface LatePatrol extends MissedPatrol {
  checkedAt: string;
  receivedAt: string;
  sentLate: boolean;
}

export interface PatrolStats {
  communityId: number;
  /** YYYY-MM */
  month: string;
  /** Point × period slots of the month's ended periods, and those checked inside the plan's time window. */
  due: number;
  done: number;
  completionRate: number | null;
  /** Rounds with no check at all. */
  missed: MissedPatrol[];
  /** Rounds checked, but only outside the time window or sent late (补录): not done, and not missed. */
  late: LatePatrol[];
  /**
   * The plan edits (and points retired) made this month, oldest first, so the office sees who changed what, when,
   * and from which day it counts (never in the period in progress when it was made).
   */
  edits: PatrolPlanEdit[];
}

export interface PatrolPlanEdit {
  planId: number;
  planName: string;
  /** The day the edit was made (Asia/Shanghai). */
  on: string;
  /** The first day it counts (the period in progress then kept the plan as it was); null: replaced before that. */
  takesEffectOn: string | null;
  by: string;
  /** Points taken out of the plan and put in, by name. */
  removed: string[];
  added: string[];
  /** The window and the frequency before and after, when they changed. */
  window: { from: string; to: string } | null;
  frequency: { from: PatrolFrequency; to: PatrolFrequency } | null;
  /** Who patrolled before and after, by name, when that changed (at once, not from `takesEffectOn`). */
  assignee: { from: string; to: string } | null;
}

/** HH:MM of an instant on the Shanghai wall clock. */
export const shanghaiTimeOfDay = (at: Date | string) => shanghaiDateTime(at).slice(11);

/** Whether a check at `at` falls inside a plan's time window (Shanghai wall clock, to the minute, both ends included). */
export function inPatrolWindow(at: Date | string, plan: { windowStart: string; windowEnd: string }): boolean {
  const time = shanghaiTimeOfDay(at);
  return time >= plan.windowStart && time <= plan.windowEnd;
}

/** Whether a check reached the server soon enough after the time it claims for that time to count. */
export function sentInTime(check: { checkedAt: Date | string; createdAt: Date | string }): boolean {
  return new Date(check.createdAt).getTime() - new Date(check.checkedAt).getTime() <= PATROL_CHECK_SYNC_MINUTES * 60_000;
}

/**
 * One scheduled round of a point (a plan's period): done when a check of the period falls inside the plan's window
 * and was sent in time (sentInTime); late when its checks all fell outside the window (超时巡检) or were sent late
 * (补录); missed when there is none. `checks` are the point's checks, oldest first, each with when it was made
 * (checkedAt, recorded on the phone) and when the server got it (createdAt). A check is placed in a period by when it
 * was made, so an offline one still shows in its own round; whether it counts is the rule above. The check returned
 * is the one that counts, else the latest.
 */
export function patrolRound<C extends { checkedAt: Date | string; createdAt: Date | string }>(
  checks: readonly C[],
  period: { from: string; to: string },
  plan: { windowStart: string; windowEnd: string },
): { outcome: 'done' | 'late' | 'missed'; check: C | null } {
  const inPeriod = checks.filter((c) => {
    const day = shanghaiDateTime(c.checkedAt).slice(0, 10);
    return day >= period.from && day <= period.to;
  });
  const counted = [...inPeriod].reverse().find((c) => inPatrolWindow(c.checkedAt, plan) && sentInTime(c));
  if (counted) return { outcome: 'done', check: counted };
  const last = inPeriod[inPeriod.length - 1];
  return last ? { outcome: 'late', check: last } : { outcome: 'missed', check: null };
}

const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

/** The period (Shanghai dates) a day falls in: the day, its week (Monday–Sunday) or its month. */
export function patrolPeriod(frequency: PatrolFrequency, date: string): { from: string; to: string } {
  if (frequency === 'daily') return { from: date, to: date };
  if (frequency === 'weekly') {
    const from = addDays(date, -weekday(date));
    return { from, to: addDays(from, 6) };
  }
  return { from: `${date.slice(0, 7)}-01`, to: lastDayOfMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7))) };
}

/** What of a plan decides its rounds: which points, how often, in which window. */
export interface PatrolRoundShape {
  pointIds: number[];
  frequency: PatrolFrequency;
  windowStart: string;
  windowEnd: string;
}

/** A version of a plan and the days it is in force: from its first day to `until` (null: for as long as it stays). */
export interface PatrolPlanSpan<V> {
  version: V;
  from: string;
  until: string | null;
}

/**
 * When each version of a plan is in force. `versions` are the plan's versions oldest first, each with the day an edit
 * replaced it, and the plan as it now is last (replacedOn null). The period in progress when an edit is made keeps
 * the version it began under: the edit takes effect the day after that period ends (a daily plan tomorrow, a weekly
 * one next Monday, a monthly one on the 1st). So dropping an unchecked point, narrowing the frequency or moving the
 * window never takes a round out of the period in progress, nor out of one already ended; a version replaced again
 * before it took effect never does. The first version is in force from `startsOn`.
 */
export function patrolPlanSpans<V extends PatrolRoundShape & { replacedOn: string | null }>(versions: readonly V[], startsOn: string): PatrolPlanSpan<V>[] {
  const spans: { version: V; from: string }[] = [{ version: versions[0], from: startsOn }];
  for (let k = 0; k + 1 < versions.length; k += 1) {
    const editedOn = versions[k].replacedOn as string;
    const inForce = [...spans].reverse().find((s) => s.from <= editedOn) ?? spans[0];
    const takesEffect = addDays(patrolPeriod(inForce.version.frequency, editedOn < startsOn ? startsOn : editedOn).to, 1);
    while (spans.length > 1 && spans[spans.length - 1].from >= takesEffect) spans.pop();
    spans.push({ version: versions[k + 1], from: takesEffect });
  }
  return spans.map((s, k) => ({ ...s, until: k + 1 < spans.length ? addDays(spans[k + 1].from, -1) : null }));
}

/**
 * Whether a version in force over `span` sets the round of `period` (one of its own periods): the period began on or
 * after the plan's first day and in the span, or it runs on into the span (so a frequency widened mid-period, say
 * daily to weekly on a Wednesday, still owes that week's round, which the week's daily checks may already fill).
 */
export function spanGoverns(span: { from: string; until: string | null }, period: { from: string; to: string }, startsOn: string): boolean {
  return period.from >= startsOn && period.to >= span.from && (span.until === null || period.from <= span.until);
}

/** The round of the period in progress on `today`: the first version in force whose period of today it governs. */
export function patrolRoundInProgress<V extends PatrolRoundShape>(spans: readonly PatrolPlanSpan<V>[], startsOn: string, today: string): { version: V; period: { from: string; to: string } } | null {
  for (const span of spans) {
    const period = patrolPeriod(span.version.frequency, today);
    if (spanGoverns(span, period, startsOn)) return { version: span.version, period };
  }
  return null;
}

/** The periods that ended within [from, to] and before `today`, in order (a period counts in the month it ends). */
export function endedPeriods(frequency: PatrolFrequency, from: string, to: string, today: string): { from: string; to: string }[] {
  const periods: { from: string; to: string }[] = [];
  let day = from;
  while (day <= to) {
    const period = patrolPeriod(frequency, day);
    if (period.to >= from && period.to <= to && period.to < today) periods.push(period);
    day = addDays(period.to, 1);
    if (Date.parse(day) - Date.parse(from) > 400 * DAY_MS) break;
  }
  return periods;
}
