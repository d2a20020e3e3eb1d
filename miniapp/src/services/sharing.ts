import type { GroupEnterInput, GroupEnterResult, ShareCard, ShareCardKind } from '@wuye/contracts';
import { request } from './http';

/** 业主监督群: what a shared card is, and the group it was opened from (encrypted, read by the API). */
export function getShareCard(kind: ShareCardKind, id: number): Promise<ShareCard> {
  return request<ShareCard>({ url: `/api/v1/share-cards/${kind}/${id}` });
}

export function reportGroupEnter(kind: ShareCardKind, id: number, info: GroupEnterInput): Promise<GroupEnterResult> {
  return request<GroupEnterResult>({ url: `/api/v1/share-cards/${kind}/${id}/group-enters`, method: 'POST', data: info });
}
