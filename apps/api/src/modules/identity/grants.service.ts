import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { shanghaiDate } from '../../common/time';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { activeContractsQuery } from '../org/contracts.service';
import { HouseBinding } from './house-binding.entity';
import { Principal, Grant } from './principal';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

/**
 * Turns a user's role assignments and house bindings into grants with the communities they reach today.
 * Computed on every request, never cached: when a contract ends, the old company's people lose access at once.
 */
@Injectable()
export class GrantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async loadPrincipal(userId: number, sessionId: string): Promise<Principal | null> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId, disabledAt: IsNull() } });
    if (!user) return null;
    return new Principal(user.id, user.displayName, await this.grantsOf(userId), sessionId);
  }

  async grantsOf(userId: number): Promise<Grant[]> {
    const [assignments, bindings] = await Promise.all([
      this.db.getRepository(RoleAssignment).find({ where: { userId, revokedAt: IsNull() }, order: { id: 'ASC' } }),
      this.db.getRepository(HouseBinding).find({ where: { userId, state: 'approved' }, order: { id: 'ASC' } }),
    ]);
    const today = shanghaiDate();

    // Which (community, company) pairs are under an active contract, for staff, managers and company admins.
    const companyIds = [...new Set(assignments.filter((a) => a.companyId !== null).map((a) => a.companyId as number))];
    const contracted = companyIds.length
      ? await activeContractsQuery(this.db, today).andWhere('sc.companyId IN (:...companyIds)', { companyIds }).getMany()
      : [];
    const servedBy = (companyId: number) => contracted.filter((c) => c.companyId === companyId).map((c) => c.communityId);

    const areaIds = [...new Set(assignments.filter((a) => a.areaId !== null).map((a) => a.areaId as number))];
    const areas = areaIds.length ? await this.db.getRepository(Area).find({ where: { id: In(areaIds) } }) : [];
    const inArea = async (areaId: number): Promise<number[]> => {
      const area = areas.find((a) => a.id === areaId);
      if (!area) return [];
      const rows = await this.db
        .getRepository(Community)
        .createQueryBuilder('c')
        .select('c.id', 'id')
        .where('c.areaPath LIKE :prefix', { prefix: `${area.path}%` })
        .getRawMany<{ id: number }>();
      return rows.map((r) => Number(r.id));
    };

    const grants: Grant[] = [];
    for (const a of assignments) {
      const base = { role: a.role, title: a.title };
      switch (a.role) {
        case 'platform_admin':
          grants.push({ ...base, communities: 'all' });
          break;
        case 'staff':
        case 'manager':
          if (a.communityId !== null && a.companyId !== null && servedBy(a.companyId).includes(a.communityId)) {
            grants.push({ ...base, communityId: a.communityId, companyId: a.companyId, communities: [a.communityId] });
          }
          break;
        case 'company_admin':
          if (a.companyId !== null) grants.push({ ...base, companyId: a.companyId, communities: servedBy(a.companyId) });
          break;
        case 'committee':
        case 'committee_chair':
          if (a.communityId !== null) grants.push({ ...base, communityId: a.communityId, communities: [a.communityId] });
          break;
        case 'community_office':
        case 'regulator':
          if (a.areaId !== null) grants.push({ ...base, areaId: a.areaId, communities: await inArea(a.areaId) });
          break;
      }
    }
    const residentOf = [...new Set(bindings.map((b) => b.communityId))];
    for (const communityId of residentOf) grants.push({ role: 'resident', communityId, communities: [communityId] });
    return grants;
  }
}
