import type { DataSource, EntityManager } from 'typeorm';
import { BINDING_RELATION_LABELS, shanghaiDate, type Role } from '@wuye/contracts';
import { rawQuery } from '../../database/raw';
import { activeContractSql } from '../org/contracts.service';

/**
 * Who to tell: the people holding a role for an estate today. Tickets, disclosures and 督办 notify through these,
 * so a role that is revoked, or a company whose contract ended, stops hearing of the estate at once.
 */
const userIds = (rows: { userId: number | string }[]) => [...new Set(rows.map((r) => Number(r.userId)))];

/** The estate's project managers, of the company that holds its active contract (and is `companyId`, when given). */
export async function managersOf(m: EntityManager, communityId: number, companyId?: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(
    m,
    `SELECT ra.user_id AS userId FROM role_assignment ra
       JOIN service_contract sc ON sc.company_id = ra.company_id AND sc.community_id = ra.community_id
      WHERE ra.community_id = :communityId AND ra.role = 'manager' AND ra.revoked_at IS NULL
        AND ${activeContractSql('sc')}${companyId === undefined ? '' : ' AND ra.company_id = :companyId'}
      ORDER BY ra.id`,
    { communityId, today: shanghaiDate(), ...(companyId === undefined ? {} : { companyId }) },
  );
  return userIds(rows);
}

/** Staff and managers of the company that serves the estate today (the rule the hand-over sweep applies in SQL). */
export const SERVING_SQL = (userColumn: string, communityColumn: string) =>
  `EXISTS (SELECT 1 FROM role_assignment ra JOIN service_contract sc ON sc.company_id = ra.company_id AND sc.community_id = ra.community_id
     WHERE ra.user_id = ${userColumn} AND ra.community_id = ${communityColumn} AND ra.role IN ('staff', 'manager') AND ra.revoked_at IS NULL AND ${activeContractSql('sc')})`;

export async function servesEstate(m: EntityManager, userId: number, communityId: number): Promise<boolean> {
  const rows = await rawQuery(m, `SELECT 1 AS yes WHERE ${SERVING_SQL(':userId', ':communityId')}`, { userId, communityId, today: shanghaiDate() });
  return rows.length > 0;
}

/** The owners' committee of the estate (members and chair). */
export async function committeeOf(m: EntityManager, communityId: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(
    m,
    `SELECT user_id AS userId FROM role_assignment
      WHERE community_id = :communityId AND role IN ('committee', 'committee_chair') AND revoked_at IS NULL ORDER BY id`,
    { communityId },
  );
  return userIds(rows);
}

/** The community office (社区/村) the estate belongs to. */
export async function officersOf(m: EntityManager, communityId: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(
    m,
    `SELECT ra.user_id AS userId FROM role_assignment ra JOIN community c ON c.area_id = ra.area_id
      WHERE c.id = :communityId AND ra.role = 'community_office' AND ra.revoked_at IS NULL ORDER BY ra.id`,
    { communityId },
  );
  return userIds(rows);
}

/** The office or regulator people of an area now (those who issued something in its name). */
export async function areaPeopleOf(m: EntityManager, areaId: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(m, `SELECT user_id AS userId FROM role_assignment WHERE area_id = :areaId AND role IN ('community_office', 'regulator') AND revoked_at IS NULL ORDER BY id`, { areaId });
  return userIds(rows);
}

/** The estate's residents: everyone with an approved house binding there (owners, family, tenants). */
export async function residentsOf(m: EntityManager, communityId: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(m, `SELECT DISTINCT user_id AS userId FROM house_binding WHERE community_id = :communityId AND state = 'approved'`, { communityId });
  return userIds(rows);
}

/** The approved owners of a house (but `except`): told when someone else asks to be registered as its owner. */
export async function ownersOf(m: EntityManager, houseId: number, except: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(
    m,
    `SELECT user_id AS userId FROM house_binding WHERE house_id = :houseId AND relation = 'owner' AND state = 'approved' AND user_id <> :except ORDER BY id`,
    { houseId, except },
  );
  return userIds(rows);
}

/** How a person without a house in the estate is named to its residents, by the role they hold there. */
const PUBLIC_ROLE_NAMES: Partial<Record<Role, string>> = { committee: '业委会', committee_chair: '业委会', staff: '物业', manager: '物业' };

/**
 * How neighbours see a person of this estate, never by name or room: "3栋业主", "5栋租户" through their first approved
 * house, else "业委会" or "物业" by their role there, else "居民". Tickets on the board and questions on disclosures
 * show this.
 */
export async function neighbourMask(m: EntityManager | DataSource, userId: number, communityId: number): Promise<string> {
  const [binding] = await rawQuery<{ building: string | null; relation: keyof typeof BINDING_RELATION_LABELS }>(
    m,
    `SELECT b.name AS building, hb.relation AS relation FROM house_binding hb
       LEFT JOIN house h ON h.id = hb.house_id LEFT JOIN building b ON b.id = h.building_id
      WHERE hb.user_id = :userId AND hb.community_id = :communityId AND hb.state = 'approved' ORDER BY hb.id LIMIT 1`,
    { userId, communityId },
  );
  if (binding) return `${binding.building ?? ''}${BINDING_RELATION_LABELS[binding.relation]}`;
  const roles = await rawQuery<{ role: Role }>(m, 'SELECT role FROM role_assignment WHERE user_id = :userId AND community_id = :communityId AND revoked_at IS NULL ORDER BY id', { userId, communityId });
  return roles.map((r) => PUBLIC_ROLE_NAMES[r.role]).find(Boolean) ?? '居民';
}
