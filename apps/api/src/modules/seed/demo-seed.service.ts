import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { creditCodeCheckChar, shanghaiTimeOn } from '@wuye/contracts';
import { appConfig, authConfig, type AppConfig, type AuthConfig } from '../../config';
import { HouseBinding } from '../identity/house-binding.entity';
import { phoneFields } from '../identity/phone';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { User } from '../identity/user.entity';
import { withNamedLock } from '../../database/database.module';
import { Area } from '../org/area.entity';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { PropertyCompany } from '../org/property-company.entity';
import { ServiceContract } from '../org/service-contract.entity';
import { CategoriesService } from '../tickets/categories.service';
import { UploadsService } from '../uploads/uploads.service';
import { seedDemoDisclosures } from './demo-disclosures';
import { seedDemoFloors, seedDemoOversight } from './demo-oversight';
import { RollupsService } from '../tickets/rollups.service';
import { seedDemoTickets, storeDemoPhotos } from './demo-tickets';
import { seedDemoInspections } from './demo-inspections';
import { seedDemoMeetings } from './demo-meetings';
import { seedDemoVotes } from './demo-votes';
import { seedDemoAnnouncements } from './demo-announcements';
import { seedDemoEvaluations, seedDemoSurveys } from './demo-surveys';
import { CommitteeEvaluationsService } from '../oversight/committee-evaluations.service';
import { PatrolCheck, PatrolPoint } from '../patrols/patrol.entities';
import { PatrolsService } from '../patrols/patrols.service';
import {
  DEMO_ACCOUNTS,
  DEMO_COMMUNITIES,
  DEMO_COMPANIES,
  DEMO_COUNTY,
  DEMO_TOWNS,
  FEE_BY_GRADE,
  FLOOR_PLANS_CENTI,
  servingSince,
} from './demo-county';

/** 09:00 in Shanghai on the day a role was taken up; now when the day is unknown. */
const tookUp = (day: string | null) => (day ? new Date(shanghaiTimeOn(day, '09:00')) : new Date());

/** What later steps of the seed need to find again. */
export interface DemoIndex {
  areas: Map<string, Area>;
  companies: Map<string, PropertyCompany>;
  communities: Map<string, Community>;
  users: Map<string, User>;
}

/** Seeds the demo county into an empty database at start (SEED_DEMO, on by default in development). */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    private readonly uploads: UploadsService,
    private readonly categories: CategoriesService,
    private readonly rollups: RollupsService,
    private readonly patrols: PatrolsService,
    private readonly evaluations: CommitteeEvaluationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.seedDemo) return;
    // Two replicas starting on one empty MySQL database take turns (a named lock); the second finds it seeded.
    await withNamedLock(this.db, 'wuye_demo_seed', async () => {
      if (await this.db.getRepository(Area).exists()) return;
      const started = Date.now();
      await this.seed();
      this.logger.log(`Seeded the demo county in ${Date.now() - started} ms`);
    });
  }

  async seed(): Promise<DemoIndex> {
    const index = await this.db.transaction(async (m) => {
      const index: DemoIndex = { areas: new Map(), companies: new Map(), communities: new Map(), users: new Map() };
      await this.seedAreas(m, index);
      await seedDemoFloors(m, index);
      await this.seedCompanies(m, index);
      await this.seedCommunities(m, index);
      await this.seedAccounts(m, index);
      await this.seedNeighbours(m, index);
      return index;
    });
    // Photos go through the real upload pipeline (storage, then a row) before the tickets that show them.
    const photos = await storeDemoPhotos(this.uploads, (index.users.get('resident.jinxiu') as User).id);
    const tickets = await this.db.transaction((m) =>
      seedDemoTickets(
        m,
        photos,
        [...index.communities.values()],
        (communityId, mm) => this.categories.rows(communityId, mm),
        (phone) => {
          const { phoneCipher, phoneMasked } = phoneFields(phone, this.auth.phoneKey);
          return { callerPhoneCipher: phoneCipher, callerPhoneMasked: phoneMasked };
        },
      ),
    );
    const communities = DEMO_COMMUNITIES.map((c) => ({ community: index.communities.get(c.code) as Community, code: c.code }));
    const votes = await this.db.transaction((m) => seedDemoVotes(m, communities));
    const disclosures = await this.db.transaction((m) => seedDemoDisclosures(m, communities, photos, votes));
    await this.rollups.rebuild();
    await this.db.transaction((m) => seedDemoOversight(m, index));
    const supervised = await this.db.transaction((m) => seedDemoInspections(m, index, photos));
    const meetings = await this.db.transaction((m) => seedDemoMeetings(m, index));
    await this.seedAbnormalCheck(index);
    await this.db.transaction((m) => seedDemoAnnouncements(m, index));
    const answers = await this.db.transaction((m) => seedDemoSurveys(m, index));
    const evaluated = await this.db.transaction((m) => seedDemoEvaluations(m, index, (id, year) => this.evaluations.indicators(id, year, new Date(), m)));
    this.logger.log(`Seeded ${tickets} demo tickets, ${disclosures} disclosures, ${votes.size * 2} votes, ${supervised.inspections} inspections, ${supervised.checks} patrol checks and ${meetings} joint meetings, ${answers} survey answers and ${evaluated} committee evaluations`);
    return index;
  }

  /**
   * Yesterday 刘师傅 found the pump room of 锦绣花园 wet: the abnormal check opened a hazard ticket through the ticket
   * lifecycle, as a check does (it waits in 陈经理's inbox and the hazard register).
   */
  private async seedAbnormalCheck(index: DemoIndex): Promise<void> {
    const staff = index.users.get('staff.jinxiu');
    const jinxiu = index.communities.get('JXHY');
    const pump = jinxiu ? await this.db.getRepository(PatrolPoint).findOneBy({ communityId: jinxiu.id, kind: 'pump_room' }) : null;
    if (!staff || !pump) return;
    const [photo] = await storeDemoPhotos(this.uploads, staff.id, 1);
    const note = '水泵房地面积水，疑似进水管渗漏';
    const ticketId = await this.patrols.openHazard(pump, note, [photo], staff.id);
    const checkedAt = new Date(Date.now() - 20 * 3600_000);
    await this.db.getRepository(PatrolCheck).insert({ communityId: pump.communityId, pointId: pump.id, planId: null, result: 'abnormal', note, photoIds: [photo], checkedAt, checkedById: staff.id, ticketId, idempotencyKey: null, createdAt: checkedAt });
  }

  /**
   * Every estate gets a project manager and a repairman of its company (no demo key: they act in the history),
   * and a dozen residents with approved houses, so the board and the statistics have people behind them.
   */
  private async seedNeighbours(m: EntityManager, index: DemoIndex): Promise<void> {
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
    let n = 0;
    for (const demo of DEMO_COMMUNITIES) {
      const community = index.communities.get(demo.code) as Community;
      const company = index.companies.get(demo.company) as PropertyCompany;
      const hasManager = DEMO_ACCOUNTS.some((a) => a.community === demo.code && a.role === 'manager' && a.company === demo.company);
      const staffRoles: [RoleAssignment['role'], string, string | null][] = [['staff', `${demo.name} 维修 ${surnames[n % 20]}师傅`, '维修工']];
      if (!hasManager) staffRoles.push(['manager', `${demo.name} ${surnames[(n + 7) % 20]}经理`, null]);
      for (const [role, name, title] of staffRoles) {
        const user = await m.getRepository(User).save(m.getRepository(User).create({ displayName: name, devKey: null, openid: null, unionid: null, phoneCipher: null, phoneMasked: null, phoneHash: null, disabledAt: null }));
        await m.getRepository(RoleAssignment).insert({ userId: user.id, role, communityId: community.id, companyId: company.id, areaId: null, title, grantedById: null, revokedAt: null, createdAt: tookUp(servingSince(demo.code, demo.company)) });
      }
      const houses = await m.getRepository(House).find({ where: { communityId: community.id }, order: { id: 'ASC' }, take: 400 });
      for (let i = 0; i < 12; i++) {
        const house = houses[(i * 29 + 7) % houses.length];
        const user = await m.getRepository(User).save(
          m.getRepository(User).create({ displayName: `${surnames[(n + i) % 20]}${['先生', '女士', '阿姨', '大爷'][i % 4]}`, devKey: null, openid: null, unionid: null, phoneCipher: null, phoneMasked: null, phoneHash: null, disabledAt: null }),
        );
        await m.getRepository(HouseBinding).insert({ userId: user.id, houseId: house.id, communityId: community.id, relation: 'owner', state: 'approved', applicantNote: null, decidedById: null, decidedAt: new Date(), reason: null });
      }
      n++;
    }
  }

  private async seedAreas(m: EntityManager, index: DemoIndex): Promise<void> {
    const repo = m.getRepository(Area);
    const add = async (code: string, name: string, level: Area['level'], parent: Area | null) => {
      const area = await repo.save(repo.create({ code, name, level, parentId: parent?.id ?? null, path: '' }));
      area.path = `${parent?.path ?? '/'}${area.id}/`;
      await repo.update(area.id, { path: area.path });
      index.areas.set(code, area);
      return area;
    };
    const county = await add(DEMO_COUNTY.code, DEMO_COUNTY.name, 'county', null);
    for (const town of DEMO_TOWNS) {
      const townArea = await add(town.code, town.name, 'town', county);
      for (const office of town.offices) await add(office.code, office.name, 'community_office', townArea);
    }
  }

  private async seedCompanies(m: EntityManager, index: DemoIndex): Promise<void> {
    for (const c of DEMO_COMPANIES) {
      const first17 = `91331122${c.orgCode}`;
      const company = await m.getRepository(PropertyCompany).save(
        m.getRepository(PropertyCompany).create({
          name: c.name,
          creditCode: `${first17}${creditCodeCheckChar(first17)}`,
          contactPhone: c.phone,
          address: c.address,
        }),
      );
      index.companies.set(c.key, company);
    }
  }

  private async seedCommunities(m: EntityManager, index: DemoIndex): Promise<void> {
    for (const [i, c] of DEMO_COMMUNITIES.entries()) {
      const office = index.areas.get(c.office) as Area;
      const community = await m.getRepository(Community).save(
        m.getRepository(Community).create({
          code: `QH-${c.code}`,
          name: c.name,
          areaId: office.id,
          areaPath: office.path,
          address: `${DEMO_COUNTY.name}${c.address}`,
          lat: c.lat,
          long: c.long,
        }),
      );
      index.communities.set(c.code, community);

      const contract = (companyKey: string, startsOn: string, endsOn: string | null) =>
        m.getRepository(ServiceContract).create({
          communityId: community.id,
          companyId: (index.companies.get(companyKey) as PropertyCompany).id,
          startsOn,
          endsOn,
          serviceGrade: c.grade,
          feeStandards: [
            { propertyType: 'residence', pricePerM2MonthFen: FEE_BY_GRADE[c.grade] },
            { propertyType: 'shop', pricePerM2MonthFen: FEE_BY_GRADE[c.grade] * 2 },
          ],
          terminatedAt: null,
          endReason: null,
          endNote: null,
        });
      const since = servingSince(c.code, c.company) as string;
      if (c.previous) {
        const ended = contract(c.previous.company, c.previous.startsOn, c.previous.endedOn);
        ended.terminatedAt = new Date(shanghaiTimeOn(c.previous.endedOn, '10:00'));
        ended.endReason = 'reselected';
        ended.endNote = '业主大会决定改选物业服务企业，已完成交接';
        await m.getRepository(ServiceContract).save(ended);
        await m.getRepository(ServiceContract).save(contract(c.company, since, '2029-06-30'));
      } else {
        await m.getRepository(ServiceContract).save(contract(c.company, since, null));
      }
      await this.seedHouses(m, community, c.buildings, c.floors, i);
    }
  }

  /** n buildings × 2 units × floors × 2 houses a floor, floor plans varying by stack as in real estates. */
  private async seedHouses(m: EntityManager, community: Community, buildings: number, floors: number, salt: number): Promise<void> {
    for (let b = 1; b <= buildings; b++) {
      const building = await m.getRepository(Building).save(m.getRepository(Building).create({ communityId: community.id, name: `${b}栋` }));
      const rows: Partial<House>[] = [];
      for (let unit = 1; unit <= 2; unit++) {
        for (let floor = 1; floor <= floors; floor++) {
          for (let k = 1; k <= 2; k++) {
            const plan = FLOOR_PLANS_CENTI[(salt + b * 3 + unit * 2 + k) % FLOOR_PLANS_CENTI.length];
            rows.push({
              communityId: community.id,
              buildingId: building.id,
              unit: `${unit}单元`,
              floor,
              number: `${String(floor).padStart(2, '0')}0${k}`,
              floorAreaCenti: plan,
              propertyType: floor === 1 && b === 1 ? 'shop' : 'residence',
            });
          }
        }
      }
      for (let i = 0; i < rows.length; i += 500) await m.getRepository(House).insert(rows.slice(i, i + 500));
    }
  }

  private async seedAccounts(m: EntityManager, index: DemoIndex): Promise<void> {
    for (const account of DEMO_ACCOUNTS) {
      const user = await m.getRepository(User).save(
        m.getRepository(User).create({
          displayName: account.displayName,
          devKey: account.key,
          openid: null,
          unionid: null,
          disabledAt: null,
          ...(account.phone ? phoneFields(account.phone, this.auth.phoneKey) : { phoneCipher: null, phoneMasked: null, phoneHash: null }),
        }),
      );
      index.users.set(account.key, user);
      const community = account.community ? index.communities.get(account.community) : undefined;
      if (account.role === 'resident') {
        if (!account.house || !community) continue;
        const house = await m
          .getRepository(House)
          .createQueryBuilder('h')
          .innerJoin(Building, 'b', 'b.id = h.buildingId')
          .where('h.communityId = :c AND b.name = :b AND h.unit = :u AND h.number = :n', {
            c: community.id,
            b: account.house.building,
            u: account.house.unit,
            n: account.house.number,
          })
          .getOneOrFail();
        await m.getRepository(HouseBinding).save(
          m.getRepository(HouseBinding).create({
            userId: user.id,
            houseId: house.id,
            communityId: community.id,
            relation: account.house.relation,
            state: 'approved',
            applicantNote: null,
            decidedById: null,
            decidedAt: new Date(),
            reason: null,
          }),
        );
        continue;
      }
      // The property side took up its roles when its company began serving (credit events may name a manager only
      // for days they managed the estate); company admins with the company's first contract.
      const company = account.company;
      const since = company
        ? account.community
          ? servingSince(account.community, company)
          : DEMO_COMMUNITIES.map((c) => servingSince(c.code, company)).filter((d): d is string => d !== null).sort()[0] ?? null
        : null;
      await m.getRepository(RoleAssignment).save(
        m.getRepository(RoleAssignment).create({
          userId: user.id,
          role: account.role,
          communityId: community?.id ?? null,
          companyId: company ? (index.companies.get(company) as PropertyCompany).id : null,
          areaId: account.area ? (index.areas.get(account.area) as Area).id : null,
          title: account.title ?? null,
          grantedById: null,
          revokedAt: null,
          ...(since ? { createdAt: tookUp(since) } : {}),
        }),
      );
    }
  }
}
