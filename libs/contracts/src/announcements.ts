/**
 * 公告: what the estate's manager, owners' committee or community office posts to its residents. Residents see the
 * current ones (not withdrawn, not past their expiry day) first on the home page; whoever posted one, and their side,
 * see how many residents read it — never who.
 */
export const ANNOUNCEMENT_TITLE_MAX = 40;
export const ANNOUNCEMENT_BODY_MAX = 2000;
export const ANNOUNCEMENT_ATTACHMENTS_MAX = 9;

/** Who posts: the side the poster stands on in the estate, shown to residents instead of a name. */
export const ANNOUNCEMENT_SIDES = ['property', 'committee', 'office'] as const;
export type AnnouncementSide = (typeof ANNOUNCEMENT_SIDES)[number];
export const ANNOUNCEMENT_SIDE_LABELS: Record<AnnouncementSide, string> = { property: '物业服务中心', committee: '业主委员会', office: '社区（村）' };

export interface AnnouncementInput {
  title: string;
  body: string;
  /** Uploads of the poster's (images or PDFs), in order. */
  attachmentIds?: number[];
  pinned?: boolean;
  /** The last day it is shown (Asia/Shanghai), YYYY-MM-DD; left out: until withdrawn. */
  expiresOn?: string;
}

export interface AnnouncementAttachment {
  id: number;
  url: string;
  thumbnailUrl: string;
  kind: 'image' | 'pdf';
}

export interface AnnouncementSummary {
  id: number;
  communityId: number;
  title: string;
  pinned: boolean;
  postedBy: AnnouncementSide;
  expiresOn: string | null;
  /** Shown to residents now: not withdrawn and not past its expiry day. */
  current: boolean;
  withdrawn: boolean;
  createdAt: string;
  /** Residents who opened it: only for the poster's side (null for everyone else). */
  readCount: number | null;
}

export interface AnnouncementView extends AnnouncementSummary {
  communityName: string;
  body: string;
  attachments: AnnouncementAttachment[];
  /** What the caller may do now (the buttons come from here). */
  actions: { withdraw: boolean };
}

/** Current first: pinned ones, then newest. */
export const isAnnouncementCurrent = (a: { withdrawn: boolean; expiresOn: string | null }, today: string) => !a.withdrawn && (a.expiresOn === null || a.expiresOn >= today);

/** "锦绣花园 小区公告：停水通知" — the title the poster wrote for every resident, nothing personal. */
export const announcementCardTitle = (communityName: string, title: string) => `${communityName} 小区公告：${title}`;
