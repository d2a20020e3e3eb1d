import type { DataSource } from 'typeorm';
import type { Principal } from '../identity/principal';
import { areaRoots } from '../identity/scope';
import { Area } from '../org/area.entity';

/**
 * The area a regulator acts for when issuing a rating or a credit event about an estate at `communityAreaPath`: the
 * nearest of their grants above it. Platform admins act for `platformArea` (they hold no area of their own).
 */
export async function issuingArea(db: DataSource, caller: Principal, communityAreaPath: string, platformArea: () => Promise<Area | null>): Promise<Area | null> {
  const roots = await areaRoots(db, caller, 'ratings.write');
  if (roots === 'all') return platformArea();
  const fitting = roots.filter((r) => communityAreaPath.startsWith(r.path));
  return fitting.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}
