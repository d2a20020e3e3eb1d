import type { DataSource } from 'typeorm';
import type { Policy } from '../identity/policies';
import type { Principal } from '../identity/principal';
import { areaCovers, areaRoots } from '../identity/scope';
import { Area } from '../org/area.entity';

/**
 * The area a regulator acts for when issuing a rating or a credit event about an estate at `communityAreaPath`: the
 * nearest of their grants above it (under `policy`: an inspection is issued by an office too). Platform admins act for
 * `platformArea` (they hold no area of their own).
 */
export async function issuingArea(db: DataSource, caller: Principal, communityAreaPath: string, platformArea: () => Promise<Area | null>, policy: Policy = 'ratings.write'): Promise<Area | null> {
  const roots = await areaRoots(db, caller, policy);
  if (roots === 'all') return platformArea();
  const fitting = roots.filter((r) => areaCovers(r, communityAreaPath));
  return fitting.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}
