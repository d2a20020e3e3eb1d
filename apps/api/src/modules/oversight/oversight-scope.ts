import { DataSource, In } from 'typeorm';
import { notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import { Area } from '../org/area.entity';

/**
 * Offices and regulators see the areas of their grants and everything below them; a town regulator asking for
 * the county, or a neighbouring town, gets 404.
 */
export async function areaInScope(db: DataSource, caller: Principal, areaId: number): Promise<Area> {
  const area = await db.getRepository(Area).findOneBy({ id: areaId });
  if (!area) throw notFound('area');
  if (caller.hasRole('platform_admin')) return area;
  const grantAreas = caller.grants.filter((g) => (g.role === 'regulator' || g.role === 'community_office') && g.areaId).map((g) => g.areaId as number);
  const roots = grantAreas.length ? await db.getRepository(Area).findBy({ id: In(grantAreas) }) : [];
  if (!roots.some((r) => area.path.startsWith(r.path))) throw notFound('area');
  return area;
}

/** The area a caller acts for when issuing something (the first regulator grant; platform admins: the given one). */
export async function issuingArea(db: DataSource, caller: Principal, communityAreaPath: string | null): Promise<Area | null> {
  const grantAreas = caller.grants.filter((g) => g.role === 'regulator' && g.areaId).map((g) => g.areaId as number);
  const roots = grantAreas.length ? await db.getRepository(Area).findBy({ id: In(grantAreas) }) : [];
  const fitting = roots.filter((r) => communityAreaPath === null || communityAreaPath.startsWith(r.path));
  return fitting.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}
