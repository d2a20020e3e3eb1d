import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '@wuye/contracts';
import { rawQuery } from '../../database/raw';
import { activeContractSql } from '../org/contracts.service';

/**
 * Who to tell: the people holding a role for an estate today. Tickets, disclosures and 督办 notify through these,
 * so a role that is revoked, or a company whose contract ended, stops hearing of the estate at once.
 */
const userIds = (rows: { userId: number | string }[]) => [...new Set(rows.map((r) => Number(r.userId)))];

/** The estate's project managers, of the company that holds its active contract. */
export async function managersOf(m: EntityManager, communityId: number): Promise<number[]> {
  const rows = await rawQuery<{ userId: number }>(
    m,
    `SELECT ra.user_id AS userId FROM role_assignment ra
       JOIN service_contract sc ON sc.company_id = ra.company_id AND sc.community_id = ra.community_id
      WHERE ra.community_id = :communityId AND ra.role = 'manager' AND ra.revoked_at IS NULL
        AND ${activeContractSql('sc')}
      ORDER BY ra.id`,
    { communityId, today: shanghaiDate() },
  );
  return userIds(rows);
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
