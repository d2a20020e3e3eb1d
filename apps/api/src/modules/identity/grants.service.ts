import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shanghaiDate, type Role } from '@wuye/contracts';
import { rawQuery } from '../../database/raw';
import { activeContractSql } from '../org/contracts.service';
import { Principal, Grant } from './principal';
import { underArea } from './scope';

/**
 * One row of the grants query: a role assignment (r), an approved binding (b), an active contract (c), or the
 * user (u: `ord` is whether the token's session is live).
 */
interface GrantRow {
  src: 'r' | 'b' | 'c' | 'u';
  ord: number;
  role: Role | null;
  community_id: number | null;
  company_id: number | null;
  area_id: number | null;
  title: string | null;
}

/** Role assignments, approved bindings, and the active contracts of the companies the user works for. */
const GRANTS_SQL = `SELECT 'r' AS src, ra.id AS ord, ra.role AS role, ra.community_id AS community_id, ra.company_id AS company_id, ra.area_id AS area_id, ra.title AS title
    FROM role_assignment ra WHERE ra.user_id = :userId AND ra.revoked_at IS NULL
  UNION ALL
  SELECT 'b', hb.id, NULL, hb.community_id, NULL, NULL, NULL
    FROM house_binding hb WHERE hb.user_id = :userId AND hb.state = 'approved'
  UNION ALL
  SELECT 'c', sc.id, NULL, sc.community_id, sc.company_id, NULL, NULL
    FROM service_contract sc
   WHERE sc.company_id IN (SELECT ra2.company_id FROM role_assignment ra2 WHERE ra2.user_id = :userId AND ra2.revoked_at IS NULL)
     AND ${activeContractSql('sc')}`;

/** The user, when enabled, with whether the session family is still signed in. */
const USER_SQL = `SELECT 'u', EXISTS (SELECT 1 FROM auth_session s WHERE s.family_id = :sessionId AND s.user_id = u.id AND s.revoked_at IS NULL), NULL, NULL, NULL, NULL, NULL
    FROM app_user u WHERE u.id = :userId AND u.disabled_at IS NULL`;

/**
 * Turns a user's role assignments and house bindings into grants with the communities they reach today.
 * Computed on every request, never cached: when a contract ends, the old company's people lose access at once.
 * It runs in front of every signed-in request, so it is one plain statement (a second only for area roles).
 */
@Injectable()
export class GrantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The caller behind an access token: 'gone' when the user is disabled or deleted, 'signed-out' when the token's
   * session family was revoked (logout, stolen refresh token). The user and the grants are read together: one
   * round trip to the database for every signed-in request.
   */
  async loadPrincipal(userId: number, sessionId: string, requestId: string): Promise<Principal | 'gone' | 'signed-out'> {
    const rows = await rawQuery<GrantRow>(this.db, `${GRANTS_SQL} UNION ALL ${USER_SQL}`, { userId, sessionId, today: shanghaiDate() });
    const user = rows.find((r) => r.src === 'u');
    if (!user) return 'gone';
    if (!Number(user.ord)) return 'signed-out';
    return new Principal(userId, await this.toGrants(rows), sessionId, requestId);
  }

  async grantsOf(userId: number): Promise<Grant[]> {
    return this.toGrants(await rawQuery<GrantRow>(this.db, GRANTS_SQL, { userId, today: shanghaiDate() }));
  }

  private async toGrants(rows: GrantRow[]): Promise<Grant[]> {
    const of = (src: GrantRow['src']) =>
      rows
        .filter((r) => r.src === src)
        .map((r) => ({ ...r, ord: Number(r.ord) }))
        .sort((a, b) => a.ord - b.ord);
    const assignments = of('r');
    const contracts = of('c');
    // Which communities a company serves under an active contract, for staff, managers and company admins.
    const servedBy = (companyId: number) => contracts.filter((c) => c.company_id === companyId).map((c) => c.community_id as number);
    const areaIds = [...new Set(assignments.filter((a) => a.area_id !== null && (a.role === 'community_office' || a.role === 'regulator')).map((a) => a.area_id as number))];
    const inArea = await this.communitiesInAreas(areaIds);

    const grants: Grant[] = [];
    for (const a of assignments) {
      const base = { role: a.role as Role, title: a.title };
      switch (a.role) {
        case 'platform_admin':
          grants.push({ ...base, communities: 'all' });
          break;
        case 'staff':
        case 'manager':
          if (a.community_id !== null && a.company_id !== null && servedBy(a.company_id).includes(a.community_id)) {
            grants.push({ ...base, communityId: a.community_id, companyId: a.company_id, communities: [a.community_id] });
          }
          break;
        case 'company_admin':
          if (a.company_id !== null) grants.push({ ...base, companyId: a.company_id, communities: servedBy(a.company_id) });
          break;
        case 'committee':
        case 'committee_chair':
          if (a.community_id !== null) grants.push({ ...base, communityId: a.community_id, communities: [a.community_id] });
          break;
        case 'community_office':
        case 'regulator':
          if (a.area_id !== null) grants.push({ ...base, areaId: a.area_id, communities: inArea.get(a.area_id) ?? [] });
          break;
      }
    }
    const residentOf = [...new Set(of('b').map((b) => b.community_id as number))];
    for (const communityId of residentOf) grants.push({ role: 'resident', communityId, communities: [communityId] });
    return grants;
  }

  /** Each area's communities, its whole subtree included (area paths are "/1/4/9/"; a subtree is a prefix). */
  private async communitiesInAreas(areaIds: number[]): Promise<Map<number, number[]>> {
    const found = new Map<number, number[]>();
    if (!areaIds.length) return found;
    const areas = await rawQuery<{ id: number; path: string }>(this.db, 'SELECT id, path FROM area WHERE id IN (:...areaIds)', { areaIds });
    for (const area of areas) {
      const under = underArea('area_path', area.path);
      const rows = await rawQuery<{ id: number }>(this.db, `SELECT id FROM community WHERE ${under.sql} ORDER BY id`, under.params);
      found.set(Number(area.id), rows.map((r) => Number(r.id)));
    }
    return found;
  }
}
