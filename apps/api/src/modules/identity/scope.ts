import { In, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { notFound, type ResourceName } from '../../common/errors';
import { Area } from '../org/area.entity';
import { POLICIES, type Policy } from './policies';
import type { Principal } from './principal';

/**
 * Tenancy in one place: what the caller reaches under a policy, as a condition for the query builder or for raw
 * SQL. Every list of community-owned data goes through here; an id in the request never widens it, and one outside
 * it answers 404 like what does not exist.
 */
export interface ScopeCondition {
  /** SQL over the given column: `1 = 1` (everything), `1 = 0` (nothing) or an IN list. */
  sql: string;
  params: Record<string, unknown>;
}

const paramName = (column: string) => `scope_${column.replace(/\W/g, '_')}`;

function inList(column: string, ids: 'all' | number[]): ScopeCondition {
  if (ids === 'all') return { sql: '1 = 1', params: {} };
  if (!ids.length) return { sql: '1 = 0', params: {} };
  const name = paramName(column);
  return { sql: `${column} IN (:...${name})`, params: { [name]: ids } };
}

/** The communities the caller reaches under `policy` (or under any of several policies), on `column`. */
export function communityScope(principal: Principal, policy: Policy | readonly Policy[], column: string): ScopeCondition {
  const reached = (typeof policy === 'string' ? [policy] : policy).map((p) => principal.communityIds(p));
  if (reached.includes('all')) return inList(column, 'all');
  return inList(column, [...new Set((reached as number[][]).flat())]);
}

/**
 * The same, narrowed to one community the request names: it must lie inside the scope, or the caller learns
 * nothing of it (404).
 */
export function communityScopeFor(principal: Principal, policy: Policy, column: string, communityId: number | undefined, resource: ResourceName = 'community'): ScopeCondition {
  if (communityId === undefined) return communityScope(principal, policy, column);
  if (!principal.mayInCommunity(policy, communityId)) throw notFound(resource);
  const name = paramName(column);
  return { sql: `${column} = :${name}`, params: { [name]: communityId } };
}

/** Companies the caller administers (company_admin; platform admins all), on `column`. */
export function companyScope(principal: Principal, column: string): ScopeCondition {
  return inList(column, principal.companyIds());
}

/**
 * Records addressed to a company in an estate (a rectification order): oversight grants reach those of the estates
 * in their area; the property side reaches only those addressed to its own company — a manager in their estate, a
 * company admin wherever the company was addressed, an estate it has since left included.
 */
export function addressedScope(principal: Principal, policy: Policy, communityColumn: string, companyColumn: string): ScopeCondition {
  const roles: readonly string[] = POLICIES[policy];
  const overseen = new Set<number>();
  const parts: ScopeCondition[] = [];
  for (const grant of principal.grants) {
    if (!roles.includes(grant.role)) continue;
    if (grant.communities === 'all') return inList(communityColumn, 'all');
    if (grant.companyId === undefined) {
      grant.communities.forEach((id) => overseen.add(id));
      continue;
    }
    const n = parts.length;
    parts.push(
      grant.communityId === undefined
        ? { sql: `${companyColumn} = :addr_co${n}`, params: { [`addr_co${n}`]: grant.companyId } }
        : { sql: `(${communityColumn} = :addr_c${n} AND ${companyColumn} = :addr_co${n})`, params: { [`addr_c${n}`]: grant.communityId, [`addr_co${n}`]: grant.companyId } },
    );
  }
  return eitherScope(inList(communityColumn, [...overseen]), ...parts);
}

/** Either condition: what a caller reaches through their communities or through their company. */
export function eitherScope(...conditions: ScopeCondition[]): ScopeCondition {
  if (conditions.some((c) => c.sql === '1 = 1')) return { sql: '1 = 1', params: {} };
  const reaching = conditions.filter((c) => c.sql !== '1 = 0');
  if (!reaching.length) return { sql: '1 = 0', params: {} };
  return { sql: `(${reaching.map((c) => c.sql).join(' OR ')})`, params: Object.assign({}, ...reaching.map((c) => c.params)) };
}

/** Adds a scope condition to a query builder (nothing when it reaches everything). */
export function applyScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, condition: ScopeCondition): SelectQueryBuilder<T> {
  return condition.sql === '1 = 1' ? qb : qb.andWhere(condition.sql, condition.params);
}

/** Restricts a query to the communities the caller reaches under a policy. */
export function withinCommunities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, communityColumn: string, principal: Principal, policy: Policy): SelectQueryBuilder<T> {
  return applyScope(qb, communityScope(principal, policy, communityColumn));
}

/** Whether the caller reaches this community under the policy, as a filter for ids already loaded. */
export function reachable(principal: Principal, policy: Policy): (communityId: number) => boolean {
  const ids = principal.communityIds(policy);
  return (communityId) => ids === 'all' || ids.includes(communityId);
}

/**
 * The areas (town, county, office) the caller's grants under `policy` stand on, each reaching everything below it;
 * 'all' for platform admins.
 */
export async function areaRoots(db: DataSource | EntityManager, principal: Principal, policy: Policy): Promise<'all' | Area[]> {
  const ids = principal.areaIds(policy);
  if (ids === 'all') return 'all';
  return ids.length ? db.getRepository(Area).findBy({ id: In(ids) }) : [];
}

/** The ids along an area path ("/1/4/9/" → [1, 4, 9]): the area and every area above it. */
export const areaPathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** Whether an area reaches a place of this area path: it is that area or lies above it. */
export const areaCovers = (area: Pick<Area, 'path'>, areaPath: string) => areaPath.startsWith(area.path);

/**
 * Places at or below any of these areas, on an area-path column (paths are "/1/4/9/"; a subtree is one indexed
 * LIKE 'prefix%' each): the SQL twin of areaCovers.
 */
export function underAreas(column: string, areaPaths: string[]): ScopeCondition {
  const name = `under_${column.replace(/\W/g, '_')}`;
  const parts = areaPaths.map((path, i) => ({ sql: `${column} LIKE :${name}${i}`, params: { [`${name}${i}`]: `${path}%` } }));
  return parts.length === 1 ? parts[0] : eitherScope(...parts);
}

/** Places at or below one area (its path), on an area-path column. */
export const underArea = (column: string, areaPath: string): ScopeCondition => underAreas(column, [areaPath]);

/** An area the caller oversees (it, or one above it, is theirs), or 404: a town regulator asking for the county gets nothing. */
export async function areaInScope(db: DataSource | EntityManager, principal: Principal, areaId: number, policy: Policy = 'oversight.read'): Promise<Area> {
  const area = await db.getRepository(Area).findOneBy({ id: areaId });
  if (!area) throw notFound('area');
  const roots = await areaRoots(db, principal, policy);
  if (roots !== 'all' && !roots.some((r) => areaCovers(r, area.path))) throw notFound('area');
  return area;
}

/** Every area at or below the caller's roots, as a condition on an area-id column. */
export async function areaScope(db: DataSource | EntityManager, principal: Principal, policy: Policy, column: string): Promise<ScopeCondition> {
  const roots = await areaRoots(db, principal, policy);
  if (roots === 'all') return inList(column, 'all');
  if (!roots.length) return inList(column, []);
  const under = underAreas('a.path', roots.map((r) => r.path));
  const below = await db.getRepository(Area).createQueryBuilder('a').where(under.sql, under.params).getMany();
  return inList(column, below.map((a) => a.id));
}
