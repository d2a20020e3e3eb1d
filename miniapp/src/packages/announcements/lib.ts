import { ANNOUNCEMENT_SIDE_LABELS, shanghaiDate, type AnnouncementSummary, type MeView, type Role } from '@wuye/contracts';

/** Roles that post to their own estate (the API's announcements.post; offices post to the estates of their area). */
const POSTING_ROLES: readonly Role[] = ['manager', 'committee', 'committee_chair'];

/**
 * The estates the user posts to, each once: those of their estate roles, and for a community office the estate the
 * link names (opened from 监管's estate page).
 */
export function postingEstates(me: Pick<MeView, 'roles'>, linked: { id: number; name: string } | null): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const role of me.roles) {
    if (POSTING_ROLES.includes(role.role) && role.communityId && !seen.has(role.communityId)) seen.set(role.communityId, role.scopeName ?? '本小区');
  }
  if (linked && !seen.has(linked.id) && me.roles.some((role) => role.role === 'community_office')) seen.set(linked.id, linked.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** "物业服务中心 · 2026-06-10 发布 · 有效期至 2026-06-20" */
export function announcementFacts(a: Pick<AnnouncementSummary, 'postedBy' | 'createdAt' | 'expiresOn'>): string {
  const parts = [ANNOUNCEMENT_SIDE_LABELS[a.postedBy], `${shanghaiDate(a.createdAt)} 发布`];
  if (a.expiresOn) parts.push(`有效期至 ${a.expiresOn}`);
  return parts.join(' · ');
}

/** 置顶 / 已过期 / 已撤回: what a list row says besides its title. */
export function announcementBadges(a: Pick<AnnouncementSummary, 'pinned' | 'current' | 'withdrawn'>): string[] {
  if (a.withdrawn) return ['已撤回'];
  if (!a.current) return ['已过期'];
  return a.pinned ? ['置顶'] : [];
}
