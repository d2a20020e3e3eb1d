import type { NotificationView, Page } from '@wuye/contracts';
import { request } from './http';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** 消息: the signed-in user's notifications, newest first. */
export function listNotifications(cursor?: string): Promise<Page<NotificationView>> {
  return request<Page<NotificationView>>({ url: '/api/v1/notifications', query: { cursor, limit: NOTIFICATIONS_PAGE_SIZE } });
}

export function unreadNotificationCount(): Promise<{ unread: number }> {
  return request<{ unread: number }>({ url: '/api/v1/notifications/unread-count' });
}

export function markNotificationRead(id: number): Promise<void> {
  return request<void>({ url: `/api/v1/notifications/${id}/read`, method: 'POST' });
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return request<{ updated: number }>({ url: '/api/v1/notifications/read-all', method: 'POST' });
}
