import { DAY_MS, shanghaiDate, type MeView, type Role, type Workload } from '@wuye/contracts';
import { request } from './http';

/**
 * The property side's workbench around tickets (the ticket calls themselves are in tickets.ts): what waits in an
 * estate, the statistics ranges, and which estates the user handles tickets for.
 */

/** What waits in one estate for the workbench's badges; a count is null where the caller's roles do not cover it. */
export function getWorkload(communityId: number): Promise<Workload> {
  return request<Workload>({ url: `/api/v1/communities/${communityId}/workload` });
}

// ─── Statistics ranges (Asia/Shanghai calendar days) ────────────────────────────────────────────────────────

export const STATS_RANGES = [
  { key: 'week', label: '近7天' },
  { key: 'month', label: '近30天' },
  { key: 'year', label: '本年' },
] as const;
export type StatsRangeKey = (typeof STATS_RANGES)[number]['key'];

export interface DateRange {
  from: string;
  to: string;
}

/** 近7天 and 近30天 end today and include it; 本年 runs from 1 January to today. */
export function statsRange(key: StatsRangeKey, now: Date = new Date()): DateRange {
  const to = shanghaiDate(now);
  if (key === 'year') return { from: `${to.slice(0, 4)}-01-01`, to };
  const days = key === 'week' ? 7 : 30;
  return { from: shanghaiDate(now.getTime() - (days - 1) * DAY_MS), to };
}

/** "86%", or "—" when there was nothing to measure. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

// ─── Who handles what ───────────────────────────────────────────────────────────────────────────────────────

export interface HandlingEstate {
  id: number;
  name: string;
}

function estatesOf(me: Pick<MeView, 'roles'>, role: Role): HandlingEstate[] {
  const seen = new Map<number, string>();
  for (const r of me.roles) {
    if (r.role === role && r.communityId && !seen.has(r.communityId)) seen.set(r.communityId, r.scopeName ?? `小区 ${r.communityId}`);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Estates whose tickets the user triages (项目经理: 工单收件箱, 统计). */
export const managedEstates = (me: Pick<MeView, 'roles'>) => estatesOf(me, 'manager');
/** Estates where tickets may be assigned to the user (员工: 我的派单). */
export const staffEstates = (me: Pick<MeView, 'roles'>) => estatesOf(me, 'staff');
