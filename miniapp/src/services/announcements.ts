import type { AnnouncementInput, AnnouncementSummary, AnnouncementView, Page } from '@wuye/contracts';
import { request } from './http';

/** 小区公告 calls: the estate's list (current ones; ?all for those who post), one announcement, posting, withdrawing. */

export function listAnnouncements(communityId: number, options: { all?: boolean; limit?: number } = {}, cursor?: string): Promise<Page<AnnouncementSummary>> {
  return request<Page<AnnouncementSummary>>({ url: `/api/v1/communities/${communityId}/announcements`, query: { all: options.all || undefined, limit: options.limit, cursor } });
}

export function getAnnouncement(id: number): Promise<AnnouncementView> {
  return request<AnnouncementView>({ url: `/api/v1/announcements/${id}` });
}

/** 已读: sent once the announcement is shown; the API counts residents only, once each. */
export function markAnnouncementRead(id: number): Promise<void> {
  return request<void>({ url: `/api/v1/announcements/${id}/read`, method: 'POST' });
}

export function postAnnouncement(communityId: number, input: AnnouncementInput): Promise<AnnouncementView> {
  return request<AnnouncementView>({ url: `/api/v1/communities/${communityId}/announcements`, method: 'POST', data: input });
}

export function withdrawAnnouncement(id: number): Promise<AnnouncementView> {
  return request<AnnouncementView>({ url: `/api/v1/announcements/${id}/withdraw`, method: 'POST' });
}
