import type { DataSource, EntityManager } from 'typeorm';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, ROLE_LABELS, ROLE_SCOPE, shanghaiDate, type Role } from '@wuye/contracts';
import { decodeCursor, encodeCursor } from '../../common/pagination';
import { rawQuery } from '../../database/raw';
import { activeContractSql } from '../org/contracts.service';
import { DUTY_SIDES, type DutySide } from './policies';
import type { Principal } from './principal';
import { communityScope } from './scope';

/**
 * 职责分离 over the role tables: where a person stands on the property side (staff or manager of the company serving
 * the estate today, or that company's admin) and where on the owners' committee.
 */
const ESTATE_PROPERTY_ROLES = DUTY_SIDES.property.filter((r) => ROLE_SCOPE[r] === 'community');
const COMPANY_PROPERTY_ROLES = DUTY_SIDES.property.filter((r) => ROLE_SCOPE[r] === 'company');

/** One row per (user, estate, side, assignment): the sides people stand on today. `who` narrows it to some users. */
const sidesSql = (who: string) => `
  SELECT 'property' AS side, ra.user_id AS userId, ra.community_id AS communityId, ra.id AS assignmentId, ra.role AS role
    FROM role_assignment ra JOIN service_contract sc ON sc.company_id = ra.company_id AND sc.community_id = ra.community_id
   WHERE ${who} AND ra.role IN (:...estateRoles) AND ra.revoked_at IS NULL AND ${activeContractSql('sc')}
  UNION ALL
  SELECT 'property', ra.user_id, sc.community_id, ra.id, ra.role
    FROM role_assignment ra JOIN service_contract sc ON sc.company_id = ra.company_id
   WHERE ${who} AND ra.role IN (:...companyRoles) AND ra.revoked_at IS NULL AND ${activeContractSql('sc')}
  UNION ALL
  SELECT 'committee', ra.user_id, ra.community_id, ra.id, ra.role
    FROM role_assignment ra
   WHERE ${who} AND ra.role IN (:...committeeRoles) AND ra.revoked_at IS NULL`;

const sidesParams = () => ({ estateRoles: ESTATE_PROPERTY_ROLES, companyRoles: COMPANY_PROPERTY_ROLES, committeeRoles: DUTY_SIDES.committee, today: shanghaiDate() });

export interface SideRow {
  side: DutySide;
  userId: number;
  communityId: number;
  assignmentId: number;
  role: Role;
}

const normalise = (rows: SideRow[]): SideRow[] =>
  rows.map((r) => ({ side: r.side, userId: Number(r.userId), communityId: Number(r.communityId), assignmentId: Number(r.assignmentId), role: r.role }));

/** The side a role stands on, if any (residents, offices, regulators and platform admins stand on neither). */
export const sideOf = (role: Role): DutySide | null =>
  (Object.keys(DUTY_SIDES) as DutySide[]).find((side) => (DUTY_SIDES[side] as readonly Role[]).includes(role)) ?? null;

/** The estates a grant of `role` would stand in: the estate itself, or every estate the company serves today. */
async function estatesOfGrant(m: EntityManager | DataSource, grant: { role: Role; communityId: number | null; companyId: number | null }): Promise<number[]> {
  if (ROLE_SCOPE[grant.role] === 'community') return grant.communityId === null ? [] : [grant.communityId];
  if (ROLE_SCOPE[grant.role] !== 'company' || grant.companyId === null) return [];
  const rows = await rawQuery<{ communityId: number }>(m, `SELECT sc.community_id AS communityId FROM service_contract sc WHERE sc.company_id = :companyId AND ${activeContractSql('sc')}`, {
    companyId: grant.companyId,
    today: shanghaiDate(),
  });
  return rows.map((r) => Number(r.communityId));
}

/**
 * Why giving `userId` this grant would seat them on both sides of an estate, in words for `who` reads it ("您" for
 * the person themself, else their name); null when it would not. Invitations (their check and their acceptance) and assignments ask this before they grant.
 */
export async function dutiesConflict(
  m: EntityManager | DataSource,
  userId: number,
  grant: { role: Role; communityId: number | null; companyId: number | null },
  who = '您',
): Promise<string | null> {
  const side = sideOf(grant.role);
  if (!side) return null;
  const estates = await estatesOfGrant(m, grant);
  if (!estates.length) return null;
  const held = normalise(await rawQuery<SideRow>(m, sidesSql('ra.user_id = :userId'), { ...sidesParams(), userId }));
  const clash = held.find((r) => r.side !== side && estates.includes(r.communityId));
  if (!clash) return null;
  const [community] = await rawQuery<{ name: string }>(m, 'SELECT name FROM community WHERE id = :id', { id: clash.communityId });
  return `${who}是${community?.name ?? '该小区'}的${ROLE_LABELS[clash.role]}，同一小区里物业方和业委会的职务不能由同一人担任`;
}

/**
 * Why a new service contract would seat someone on both sides of its estate, in words for the office; null when it
 * would not. A committee member of the estate who is staff or manager of the incoming company there, or that
 * company's admin, would stand on the property side the day the contract starts.
 */
export async function contractDutiesConflict(m: EntityManager | DataSource, contract: { companyId: number; communityId: number }): Promise<string | null> {
  const [clash] = await rawQuery<{ name: string; role: Role }>(
    m,
    `SELECT u.display_name AS name, c.role AS role
       FROM role_assignment c JOIN app_user u ON u.id = c.user_id
      WHERE c.community_id = :communityId AND c.role IN (:...committeeRoles) AND c.revoked_at IS NULL
        AND EXISTS (SELECT 1 FROM role_assignment p
                     WHERE p.user_id = c.user_id AND p.company_id = :companyId AND p.revoked_at IS NULL
                       AND ((p.role IN (:...estateRoles) AND p.community_id = :communityId) OR p.role IN (:...companyRoles)))
      ORDER BY c.user_id LIMIT 1`,
    { ...sidesParams(), ...contract },
  );
  return clash ? `${clash.name}是本小区的${ROLE_LABELS[clash.role]}，又在这家物业企业任职；同一小区里物业方和业委会的职务不能由同一人担任，请先解除其中一个职务` : null;
}

/**
 * A page of the pairs that exist: people on both sides of an estate within the caller's reach under `roles.manage`
 * (offices: their estates; company admins: the estates their company serves), ordered by estate, then person, each
 * with the assignments that make it.
 */
export async function dutyConflictPage(
  m: EntityManager | DataSource,
  caller: Principal,
  query: { cursor?: string; limit?: number },
): Promise<{ pairs: { userId: number; communityId: number; rows: SideRow[] }[]; nextCursor: string | null }> {
  const scope = communityScope(caller, 'roles.manage', 's.communityId');
  const limit = Math.min(query.limit ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
  const [afterCommunity, afterUser] = query.cursor ? decodeCursor(query.cursor, 2).map(Number) : [0, 0];
  const pairs = await rawQuery<{ userId: number; communityId: number }>(
    m,
    `SELECT s.userId AS userId, s.communityId AS communityId FROM (${sidesSql('1 = 1')}) s
      WHERE ${scope.sql} AND (s.communityId > :afterCommunity OR (s.communityId = :afterCommunity AND s.userId > :afterUser))
      GROUP BY s.communityId, s.userId HAVING COUNT(DISTINCT s.side) > 1
      ORDER BY s.communityId, s.userId LIMIT ${limit + 1}`,
    { ...sidesParams(), ...scope.params, afterCommunity, afterUser },
  );
  const page = pairs.slice(0, limit).map((p) => ({ userId: Number(p.userId), communityId: Number(p.communityId) }));
  const rows = page.length
    ? normalise(await rawQuery<SideRow>(m, sidesSql('ra.user_id IN (:...userIds)'), { ...sidesParams(), userIds: [...new Set(page.map((p) => p.userId))] }))
    : [];
  const last = page[page.length - 1];
  return {
    pairs: page.map((p) => ({ ...p, rows: rows.filter((r) => r.userId === p.userId && r.communityId === p.communityId) })),
    nextCursor: pairs.length > limit && last ? encodeCursor([last.communityId, last.userId]) : null,
  };
}
