import { DataSource } from 'typeorm';
import { creditCodeCheckChar, tallyVote, type Role, type VoteMatter } from '@wuye/contracts';
import { HouseBinding, type BindingRelation } from '../../src/modules/identity/house-binding.entity';
import { RoleAssignment } from '../../src/modules/identity/role-assignment.entity';
import { User } from '../../src/modules/identity/user.entity';
import { Area } from '../../src/modules/org/area.entity';
import { Building } from '../../src/modules/org/building.entity';
import { Community } from '../../src/modules/org/community.entity';
import { House } from '../../src/modules/org/house.entity';
import { PropertyCompany } from '../../src/modules/org/property-company.entity';
import { ServiceContract } from '../../src/modules/org/service-contract.entity';
import { Vote } from '../../src/modules/votes/vote.entity';

/** Test data built straight into the database, each call with names of its own, so tests never share rows. */
let counter = 0;
export const unique = (prefix: string) => `${prefix}${process.pid % 1000}x${++counter}${Math.random().toString(36).slice(2, 5)}`;

/** A valid 统一社会信用代码 that no other fixture uses. */
export function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let org = '';
  for (let i = 0; i < 9; i++) org += alphabet[Math.floor(Math.random() * alphabet.length)];
  const first17 = `91331122${org}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export async function createArea(db: DataSource, level: Area['level'], parent: Area | null, name = unique('区域')): Promise<Area> {
  const repo = db.getRepository(Area);
  const area = await repo.save(repo.create({ code: unique('A'), name, level, parentId: parent?.id ?? null, path: '' }));
  area.path = `${parent?.path ?? '/'}${area.id}/`;
  await repo.update(area.id, { path: area.path });
  return area;
}

export async function createCompany(db: DataSource, name = unique('物业公司')): Promise<PropertyCompany> {
  const repo = db.getRepository(PropertyCompany);
  return repo.save(repo.create({ name, creditCode: creditCode(), contactPhone: null, address: null }));
}

export async function createCommunity(db: DataSource, office: Area, name = unique('小区')): Promise<Community> {
  const repo = db.getRepository(Community);
  return repo.save(repo.create({ code: unique('C'), name, areaId: office.id, areaPath: office.path, address: null, lat: null, long: null }));
}

export async function createContract(
  db: DataSource,
  community: Community,
  company: PropertyCompany,
  startsOn = '2020-01-01',
  endsOn: string | null = null,
): Promise<ServiceContract> {
  const repo = db.getRepository(ServiceContract);
  return repo.save(
    repo.create({
      communityId: community.id,
      companyId: company.id,
      startsOn,
      endsOn,
      serviceGrade: '二级',
      feeStandards: [],
      terminatedAt: null,
      endReason: null,
      endNote: null,
    }),
  );
}

export async function createHouses(db: DataSource, community: Community, buildingName = '1栋', count = 4): Promise<House[]> {
  const building = await db.getRepository(Building).save(db.getRepository(Building).create({ communityId: community.id, name: buildingName }));
  const houses: House[] = [];
  for (let i = 1; i <= count; i++) {
    houses.push(
      await db.getRepository(House).save(
        db.getRepository(House).create({
          communityId: community.id,
          buildingId: building.id,
          unit: '1单元',
          floor: i,
          number: `${String(i).padStart(2, '0')}01`,
          floorAreaCenti: 8935 + i,
          propertyType: 'residence',
        }),
      ),
    );
  }
  return houses;
}

export interface Estate {
  county: Area;
  town: Area;
  office: Area;
  community: Community;
  company: PropertyCompany;
  contract: ServiceContract;
  houses: House[];
}

/** County → town → office → community served by a company under an active contract, with four houses. */
export async function createEstate(db: DataSource, within?: { county?: Area; town?: Area; office?: Area }): Promise<Estate> {
  const county = within?.county ?? (await createArea(db, 'county', null));
  const town = within?.town ?? (await createArea(db, 'town', county));
  const office = within?.office ?? (await createArea(db, 'community_office', town));
  const community = await createCommunity(db, office);
  const company = await createCompany(db);
  const contract = await createContract(db, community, company);
  const houses = await createHouses(db, community);
  return { county, town, office, community, company, contract, houses };
}

export interface RoleSpec {
  role: Exclude<Role, 'resident'>;
  communityId?: number;
  companyId?: number;
  areaId?: number;
  title?: string;
}

/** The roles the tests give people in an estate, each spelled once. */
export const roleIn = (estate: Estate) => ({
  manager: { role: 'manager', communityId: estate.community.id, companyId: estate.company.id },
  staff: { role: 'staff', communityId: estate.community.id, companyId: estate.company.id },
  committee: { role: 'committee', communityId: estate.community.id },
  chair: { role: 'committee_chair', communityId: estate.community.id },
  office: { role: 'community_office', areaId: estate.office.id },
  companyAdmin: { role: 'company_admin', companyId: estate.company.id },
  townRegulator: { role: 'regulator', areaId: estate.town.id },
  countyRegulator: { role: 'regulator', areaId: estate.county.id },
}) satisfies Record<string, RoleSpec>;

/** A user who can sign in through the development sign-in with the returned key. */
export async function createUser(db: DataSource, roles: RoleSpec[] = [], displayName = unique('用户')): Promise<{ user: User; devKey: string }> {
  const devKey = unique('dev.');
  const user = await db.getRepository(User).save(
    db.getRepository(User).create({ displayName, devKey, openid: null, unionid: null, phoneCipher: null, phoneMasked: null, phoneHash: null, disabledAt: null }),
  );
  for (const r of roles) {
    await db.getRepository(RoleAssignment).save(
      db.getRepository(RoleAssignment).create({
        userId: user.id,
        role: r.role,
        communityId: r.communityId ?? null,
        companyId: r.companyId ?? null,
        areaId: r.areaId ?? null,
        title: r.title ?? null,
        grantedById: null,
        revokedAt: null,
      }),
    );
  }
  return { user, devKey };
}

/** A resident with an approved binding to the house. */
export async function createResident(db: DataSource, house: House, relation: BindingRelation = 'owner') {
  const created = await createUser(db, [], unique('业主'));
  await db.getRepository(HouseBinding).save(
    db.getRepository(HouseBinding).create({
      userId: created.user.id,
      houseId: house.id,
      communityId: house.communityId,
      relation,
      state: 'approved',
      applicantNote: null,
      decidedById: null,
      decidedAt: new Date(),
      reason: null,
    }),
  );
  return created;
}

/**
 * A closed owners' vote of the estate, as if it had run and been tallied (its frozen result: passed or not), for
 * tests of what cites one. The vote lifecycle itself is tested through the API in votes.e2e-spec.ts.
 */
export async function createClosedVote(db: DataSource, community: Community, passed: boolean, matter: VoteMatter = 'fund_use'): Promise<Vote> {
  const options = ['同意', '反对', '弃权'];
  const houses = (await db.getRepository(House).findBy({ communityId: community.id })).map((h) => ({ houseId: h.id, areaCenti: h.floorAreaCenti, personKey: `h${h.id}` }));
  // Everyone takes part; all for, or all against.
  const result = tallyVote(matter, options, houses, houses.map((h) => ({ houseId: h.houseId, choice: passed ? 0 : 1 })));
  const now = new Date();
  return db.getRepository(Vote).save(
    db.getRepository(Vote).create({
      communityId: community.id,
      areaPath: community.areaPath,
      matter,
      title: unique('维修资金使用表决'),
      text: '使用专项维修资金维修屋面',
      options,
      documentIds: [],
      endsAt: now,
      state: 'closed',
      note: null,
      createdById: 1,
      approvedById: 1,
      openedAt: new Date(now.getTime() - 86400e3),
      closedAt: now,
      result,
      disclosureId: null,
    }),
  );
}
