import type { DirectoryBuilding, DirectoryCommunity, DirectoryHouse, Page } from '@wuye/contracts';
import { request } from './http';

/** Estates per page: a screenful or two, so the first answer is quick on a weak signal. */
export const DIRECTORY_PAGE_SIZE = 10;

/** The public directory of estates (no sign-in needed), one page at a time. */
export function listCommunities(cursor?: string): Promise<Page<DirectoryCommunity>> {
  return request<Page<DirectoryCommunity>>({ url: '/api/v1/directory/communities', query: { cursor, limit: DIRECTORY_PAGE_SIZE } });
}

/** Estates whose name contains `q` (the binding form's search). */
export function searchCommunities(q: string, cursor?: string): Promise<Page<DirectoryCommunity>> {
  return request<Page<DirectoryCommunity>>({
    url: '/api/v1/directory/communities',
    query: { q: q.trim() || undefined, cursor, limit: DIRECTORY_PAGE_SIZE },
  });
}

/** Buildings of an estate, for the binding form (signed in). */
export function listBuildings(communityId: number): Promise<DirectoryBuilding[]> {
  return request<DirectoryBuilding[]>({ url: `/api/v1/directory/communities/${communityId}/buildings` });
}

/** Rooms of a building: labels only, never who lives there. */
export function listHouses(buildingId: number): Promise<DirectoryHouse[]> {
  return request<DirectoryHouse[]>({ url: `/api/v1/directory/buildings/${buildingId}/houses` });
}
