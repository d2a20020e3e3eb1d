import { addDays, periodDays, quarterOf, shanghaiDate, type MeView } from '@wuye/contracts';

/** The periods a statistics page offers: 本季度, 上季度, 今年 (Asia/Shanghai). */
export function statsPeriods(today = shanghaiDate()): string[] {
  const quarter = quarterOf(today);
  return [quarter, quarterOf(addDays(periodDays(quarter).from, -1)), today.slice(0, 4)];
}

/** The areas the user oversees (community offices, regulators), each once: what a statistics page is about. */
export function overseenAreas(me: Pick<MeView, 'roles'> | null): { id: number; name: string }[] {
  return [...new Map((me?.roles ?? []).filter((r) => (r.role === 'community_office' || r.role === 'regulator') && r.areaId).map((r) => [r.areaId as number, { id: r.areaId as number, name: r.scopeName ?? '' }])).values()];
}
