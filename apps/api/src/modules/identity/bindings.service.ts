import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { BindingView, MyHouse, Page } from '@wuye/contracts';
import { conflict, DomainError, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { houseLabel } from '../org/houses.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AuditService } from './audit.service';
import { CreateBindingDto, ListBindingsQuery, RejectBindingDto, RemoveBindingDto } from './dto/binding.dto';
import { HouseBinding } from './house-binding.entity';
import { officersOf, ownersOf } from './people';
import type { Principal } from './principal';
import { User } from './user.entity';

const MAX_PENDING = 5;

/** An owner request for a house that already has an approved owner (someone else): the community office decides it. */
const CONTESTED_SQL = `hb.relation = 'owner' AND EXISTS (SELECT 1 FROM house_binding o WHERE o.house_id = hb.house_id AND o.relation = 'owner' AND o.state = 'approved' AND o.user_id <> hb.user_id)`;

/**
 * Who decides a pending request, and why the caller may not: the one rule behind the reviewers' buttons and the
 * refusals. 'unseen' when the request is not the caller's to see at all (404): an office sees contested ones only.
 */
function decisionRefusal(binding: HouseBinding, contested: boolean, caller: Principal): DomainError | 'unseen' | null {
  const reviewer = caller.mayInCommunity('bindings.review', binding.communityId);
  const arbiter = caller.mayInCommunity('bindings.arbitrate', binding.communityId);
  if (!reviewer && !(arbiter && contested)) return 'unseen';
  if (binding.userId === caller.userId) return new DomainError(403, 'OWN_REQUEST', '这是您自己提交的申请，须由其他审核人处理');
  if (contested && !arbiter) return new DomainError(403, 'BINDING_NEEDS_OFFICE', '这套房屋已有业主，新的业主申请须由社区（村）审核');
  return null;
}

/**
 * House bindings: a resident asks to be tied to a house as owner, family or tenant; the estate's manager or
 * committee decides, except an owner request for a house that already has an owner, which the community office
 * decides (its owners are told); nobody decides their own request. Owners may remove the family and tenants of
 * their house.
 */
@Injectable()
export class BindingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async request(dto: CreateBindingDto, caller: Principal): Promise<BindingView> {
    const house = await this.db.getRepository(House).findOneBy({ id: dto.houseId });
    if (!house) throw notFound('house');
    const id = await this.db.transaction(async (m) => {
      const repo = m.getRepository(HouseBinding);
      const open = await repo.find({ where: { userId: caller.userId, state: In(['pending', 'approved']) } });
      if (open.some((b) => b.houseId === house.id)) {
        throw conflict('BINDING_EXISTS', '您已申请或已绑定这套房屋');
      }
      if (open.filter((b) => b.state === 'pending').length >= MAX_PENDING) {
        throw conflict('TOO_MANY_PENDING', `待审核的申请最多 ${MAX_PENDING} 个，请等待审核结果`);
      }
      const binding = await repo.save(
        repo.create({
          userId: caller.userId,
          houseId: house.id,
          communityId: house.communityId,
          relation: dto.relation,
          state: 'pending',
          applicantNote: dto.note ?? null,
          decidedById: null,
          decidedAt: null,
          reason: null,
        }),
      );
      await this.audit.record(
        { by: caller, action: 'binding.request', entityType: 'binding', entityId: binding.id, communityId: house.communityId, after: { houseId: house.id, relation: dto.relation } },
        m,
      );
      const owners = dto.relation === 'owner' ? await ownersOf(m, house.id, caller.userId) : [];
      if (owners.length) {
        const label = await this.labelOf(m, house);
        await this.notifications.notify(owners, { kind: 'binding_contested', title: '有人申请登记为您房屋的业主', body: `${label}：有人提交了业主绑定申请。这套房屋已有业主，申请将由社区（村）审核；如有疑问请联系社区。` }, m);
        await this.notifications.notify(await officersOf(m, house.communityId), { kind: 'binding_review', title: '待审核：已有业主的房屋', body: `${label}：有一份新的业主绑定申请，这套房屋已有业主，须由社区（村）审核。` }, m);
      }
      return binding.id;
    });
    return (await this.views([await this.db.getRepository(HouseBinding).findOneByOrFail({ id })], false))[0];
  }

  /**
   * The review queue of an estate: everything for its manager and committee, for its community office only the owner
   * requests for houses that already have an owner (those are the office's to decide).
   */
  async listForCommunity(communityId: number, query: ListBindingsQuery, caller: Principal): Promise<Page<BindingView>> {
    const reviewer = caller.mayInCommunity('bindings.review', communityId);
    if (!reviewer && !caller.mayInCommunity('bindings.arbitrate', communityId)) throw notFound('community');
    const qb = this.db.getRepository(HouseBinding).createQueryBuilder('hb').where('hb.communityId = :communityId', { communityId });
    if (!reviewer) qb.andWhere(CONTESTED_SQL);
    if (query.state) qb.andWhere('hb.state = :state', { state: query.state });
    const page = await keysetPage(qb, { columns: [{ expr: 'hb.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (b) => [b.id] });
    return { items: await this.views(page.items, true, caller), nextCursor: page.nextCursor };
  }

  async approve(id: number, caller: Principal): Promise<BindingView> {
    return this.decide(id, caller, 'approved', null);
  }

  async reject(id: number, dto: RejectBindingDto, caller: Principal): Promise<BindingView> {
    return this.decide(id, caller, 'rejected', dto.reason);
  }

  private async decide(id: number, caller: Principal, state: 'approved' | 'rejected', reason: string | null): Promise<BindingView> {
    const binding = await this.db.getRepository(HouseBinding).findOneBy({ id });
    if (!binding) throw notFound('binding');
    await this.db.transaction(async (m) => {
      // Whether the house has an owner is read inside the transaction: an owner approved a moment ago counts.
      const contested = (await this.contestedOf(m, [binding])).has(binding.id);
      const refusal = decisionRefusal(binding, contested, caller);
      if (refusal === 'unseen') throw notFound('binding');
      if (refusal) throw refusal;
      // Only a pending request can be decided, and only once: two reviewers at the same moment, one wins.
      const result = await m
        .getRepository(HouseBinding)
        .createQueryBuilder()
        .update()
        .set({ state, reason, decidedById: caller.userId, decidedAt: new Date(), version: () => 'version + 1' })
        .where('id = :id AND state = :pending', { id, pending: 'pending' })
        .execute();
      if (!result.affected) throw conflict('BINDING_ALREADY_DECIDED', '该申请已被处理，请刷新');
      await this.audit.record(
        { by: caller, action: `binding.${state === 'approved' ? 'approve' : 'reject'}`, entityType: 'binding', entityId: id, communityId: binding.communityId, before: { state: 'pending' }, after: { state, reason } },
        m,
      );
      if (contested) {
        const label = await this.labelOf(m, await m.getRepository(House).findOneByOrFail({ id: binding.houseId }));
        const outcome = state === 'approved' ? '已通过，对方也登记为业主' : '未通过';
        await this.notifications.notify(await ownersOf(m, binding.houseId, binding.userId), { kind: 'binding_contested', title: '房屋业主申请已审核', body: `${label}：社区（村）审核了新的业主绑定申请，${outcome}。` }, m);
      }
    });
    return (await this.views([await this.db.getRepository(HouseBinding).findOneByOrFail({ id })], true, caller))[0];
  }

  /** Which of these owner bindings are for a house that has an approved owner besides them (CONTESTED_SQL, for loaded rows). */
  private async contestedOf(m: EntityManager, bindings: HouseBinding[]): Promise<Set<number>> {
    const asking = bindings.filter((b) => b.relation === 'owner');
    if (!asking.length) return new Set();
    const owners = await m.getRepository(HouseBinding).findBy({ houseId: In([...new Set(asking.map((b) => b.houseId))]), relation: 'owner', state: 'approved' });
    return new Set(asking.filter((b) => owners.some((o) => o.houseId === b.houseId && o.userId !== b.userId)).map((b) => b.id));
  }

  private async labelOf(m: EntityManager, house: House): Promise<string> {
    const [building, community] = await Promise.all([m.getRepository(Building).findOneBy({ id: house.buildingId }), m.getRepository(Community).findOneBy({ id: house.communityId })]);
    return `${community?.name ?? ''} ${houseLabel(building?.name ?? '', house.unit, house.number)}`;
  }

  /**
   * Ends a binding: the resident themself, an owner of the same house (for family and tenants), or a reviewer
   * of the estate. Anyone else: as if it did not exist. The applicant may also clear their own rejected request
   * from their list (the decision stays in the audit log).
   */
  async remove(id: number, dto: RemoveBindingDto, caller: Principal): Promise<BindingView> {
    const binding = await this.db.getRepository(HouseBinding).findOneBy({ id });
    if (!binding) throw notFound('binding');
    const own = binding.userId === caller.userId;
    const reviewer = caller.mayInCommunity('bindings.review', binding.communityId);
    const houseOwner =
      binding.relation !== 'owner' &&
      (await this.db.getRepository(HouseBinding).existsBy({ userId: caller.userId, houseId: binding.houseId, relation: 'owner', state: 'approved' }));
    if (!own && !reviewer && !houseOwner) throw notFound('binding');
    if (reviewer && !own && !houseOwner && !dto.reason) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请填写解除绑定的原因', [{ field: 'reason', problems: ['不能为空'] }]);
    }
    // Clearing a rejected request keeps who rejected it, when and why.
    const clearing = own && binding.state === 'rejected';
    await this.db.transaction(async (m) => {
      const result = await m
        .getRepository(HouseBinding)
        .createQueryBuilder()
        .update()
        .set(
          clearing
            ? { state: 'removed', version: () => 'version + 1' }
            : { state: 'removed', reason: dto.reason ?? null, decidedById: caller.userId, decidedAt: new Date(), version: () => 'version + 1' },
        )
        .where('id = :id AND state IN (:...open)', { id, open: clearing ? ['rejected'] : ['pending', 'approved'] })
        .execute();
      if (!result.affected) throw conflict('BINDING_ALREADY_DECIDED', '该绑定已经解除或未通过');
      await this.audit.record(
        { by: caller, action: clearing ? 'binding.clear' : 'binding.remove', entityType: 'binding', entityId: id, communityId: binding.communityId, before: { state: binding.state }, after: { state: 'removed', reason: clearing ? binding.reason : (dto.reason ?? null) } },
        m,
      );
    });
    return (await this.views([await this.db.getRepository(HouseBinding).findOneByOrFail({ id })], own ? false : true))[0];
  }

  /** The caller's houses (every state but removed), owners with their household. */
  async myHouses(userId: number): Promise<MyHouse[]> {
    const mine = await this.db.getRepository(HouseBinding).find({ where: { userId, state: In(['pending', 'approved', 'rejected']) }, order: { id: 'DESC' } });
    const views = await this.views(mine, false);
    const ownedHouseIds = mine.filter((b) => b.relation === 'owner' && b.state === 'approved').map((b) => b.houseId);
    const others = ownedHouseIds.length
      ? await this.db.getRepository(HouseBinding).find({ where: { houseId: In(ownedHouseIds), state: In(['pending', 'approved']) }, order: { id: 'ASC' } })
      : [];
    const household = await this.views(others.filter((b) => b.userId !== userId), true);
    return views.map((v) => ({
      ...v,
      ...(ownedHouseIds.includes(v.houseId) && v.relation === 'owner' && v.state === 'approved'
        ? { household: household.filter((h) => h.houseId === v.houseId) }
        : {}),
    }));
  }

  /**
   * Views for a set of bindings, with a few batched look-ups. Applicant details only when asked for; for a reviewer,
   * what they may decide (`can`) and why not (`blocked`), by the same rule the decision itself checks.
   */
  async views(bindings: HouseBinding[], withApplicant: boolean, reviewer?: Principal): Promise<BindingView[]> {
    if (!bindings.length) return [];
    const contested = reviewer ? await this.contestedOf(this.db.manager, bindings) : new Set<number>();
    const decisions = (b: HouseBinding) => {
      if (!reviewer) return {};
      const refusal = b.state === 'pending' ? decisionRefusal(b, contested.has(b.id), reviewer) : 'unseen';
      const may = refusal === null;
      const why = refusal instanceof DomainError ? refusal.message : undefined;
      return { contested: contested.has(b.id), can: { approve: may, reject: may }, blocked: why ? { approve: why, reject: why } : {} };
    };
    const houses = await this.db.getRepository(House).findBy({ id: In([...new Set(bindings.map((b) => b.houseId))]) });
    const buildings = await this.db.getRepository(Building).findBy({ id: In([...new Set(houses.map((h) => h.buildingId))]) });
    const communities = await this.db.getRepository(Community).findBy({ id: In([...new Set(bindings.map((b) => b.communityId))]) });
    const users = withApplicant ? await this.db.getRepository(User).findBy({ id: In([...new Set(bindings.map((b) => b.userId))]) }) : [];
    return bindings.map((b) => {
      const house = houses.find((h) => h.id === b.houseId);
      const building = buildings.find((x) => x.id === house?.buildingId);
      const user = users.find((u) => u.id === b.userId);
      return {
        id: b.id,
        houseId: b.houseId,
        houseLabel: house ? houseLabel(building?.name ?? '', house.unit, house.number) : '',
        communityId: b.communityId,
        communityName: communities.find((c) => c.id === b.communityId)?.name ?? '',
        relation: b.relation,
        state: b.state,
        reason: b.reason,
        createdAt: b.createdAt.toISOString(),
        decidedAt: b.decidedAt ? b.decidedAt.toISOString() : null,
        ...(withApplicant ? { applicant: { id: b.userId, displayName: user?.displayName ?? '' }, applicantNote: b.applicantNote } : {}),
        ...decisions(b),
      };
    });
  }
}
