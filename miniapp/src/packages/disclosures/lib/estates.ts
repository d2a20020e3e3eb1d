import type { MeView, Role } from '@wuye/contracts';

export interface Estate {
  id: number;
  name: string;
}

/** The estates in which the user holds one of the roles, each once, in the order of their roles and houses. */
export function estatesOf(me: Pick<MeView, 'roles' | 'houses'>, roles?: readonly Role[]): Estate[] {
  const seen = new Map<number, string>();
  for (const role of me.roles) {
    if (role.communityId && (!roles || roles.includes(role.role)) && !seen.has(role.communityId)) {
      seen.set(role.communityId, role.scopeName ?? `小区 ${role.communityId}`);
    }
  }
  if (!roles || roles.includes('resident')) {
    for (const house of me.houses) {
      if (house.state === 'approved' && !seen.has(house.communityId)) seen.set(house.communityId, house.communityName);
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

export const MANAGER_ROLES: readonly Role[] = ['manager'];
export const COMMITTEE_ROLES: readonly Role[] = ['committee', 'committee_chair'];


/** Picks the estate to show: the one asked for when the user has it, else the first. */
export function pickEstate(estates: Estate[], asked: unknown, shown: number | null): number | null {
  const ids = estates.map((e) => e.id);
  if (shown !== null && ids.includes(shown)) return shown;
  const wanted = Number(asked);
  if (ids.includes(wanted)) return wanted;
  return ids[0] ?? null;
}
