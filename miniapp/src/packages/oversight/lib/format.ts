import { addDays, AREA_LEVEL_LABELS, shanghaiDate, type AreaLevel, type MeView, type RoleScope } from '@wuye/contracts';

export interface Period {
  key: 'month' | 'quarter' | 'year' | 'lastYear';
  label: string;
  from: string;
  to: string;
}

/** The ranges offered above the statistics; each ends today except last year. */
export function periods(today: string = shanghaiDate()): Period[] {
  const year = Number(today.slice(0, 4));
  return [
    { key: 'month', label: '本月', from: `${today.slice(0, 7)}-01`, to: today },
    { key: 'quarter', label: '近三个月', from: addDays(today, -89), to: today },
    { key: 'year', label: '今年', from: `${year}-01-01`, to: today },
    { key: 'lastYear', label: '去年', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ];
}

/** "86.2%"; "—" when there is nothing to measure. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function levelLabel(level: string): string {
  return AREA_LEVEL_LABELS[level as AreaLevel] ?? level;
}

/** "★★★★☆ 4星", "不定星", "未评定". */
export function starsLabel(stars: number | null | undefined): string {
  if (stars === undefined) return '未评定';
  if (stars === null) return '不定星';
  return `${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} ${stars}星`;
}

/** An estate's rating with its year, as every page shows it: "2025年度 ★★★★★ 5星", or 未评定. */
export function ratingLabel(rating: { year: number | null; stars: number | null | undefined } | null | undefined): string {
  if (!rating || rating.stars === undefined || rating.year === null) return '未评定';
  return `${rating.year}年度 ${starsLabel(rating.stars)}`;
}

/** Oversight roles of the user, in the order the app prefers them. */
export function oversightRoles(me: Pick<MeView, 'roles'>): RoleScope[] {
  const order = ['community_office', 'regulator', 'platform_admin'];
  return me.roles.filter((r) => order.includes(r.role)).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

export const canHandleEscalations = (me: Pick<MeView, 'roles'>) => me.roles.some((r) => r.role === 'community_office' || r.role === 'platform_admin');
/** Offices (committee seats) and platform admins see who sits on both sides of an estate (the API's roles.manage). */
export const canSeeDutyConflicts = (me: Pick<MeView, 'roles'>) => me.roles.some((r) => r.role === 'community_office' || r.role === 'platform_admin');
export const canRate = (me: Pick<MeView, 'roles'>) => me.roles.some((r) => r.role === 'regulator' || r.role === 'platform_admin');
export const canReadOversight = (me: Pick<MeView, 'roles'>) => oversightRoles(me).length > 0;
