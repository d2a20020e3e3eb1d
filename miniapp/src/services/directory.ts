import type { DirectoryCommunity, Page } from '@wuye/contracts';
import { request } from './http';

/** Estates per page: a screenful or two, so the first answer is quick on a weak signal. */
export const DIRECTORY_PAGE_SIZE = 10;

/** The public directory of estates (no sign-in needed), one page at a time. */
export function listCommunities(cursor?: string): Promise<Page<DirectoryCommunity>> {
  return request<Page<DirectoryCommunity>>({ url: '/api/v1/directory/communities', query: { cursor, limit: DIRECTORY_PAGE_SIZE } });
}
