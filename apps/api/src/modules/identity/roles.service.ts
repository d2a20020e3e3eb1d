import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  ROLE_LABELS,
  type DutyConflictView,
  type GrantableRole,
  type InvitationPreview,
  type InvitationView,
  type Page,
  type Role,
  type RoleAssignmentView,
  shanghaiDate,
} from '@wuye/contracts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { activeContractsQuery } from '../org/contracts.service';
import { PropertyCompany } from '../org/property-company.entity';
import { AuditService } from './audit.service';
import { dutiesConflict, dutyConflictPage } from './duties';
import { AssignRoleDto, CreateInvitationDto, ListRoleAssignmentsQuery } from './dto/roles.dto';
import { Invitation } from './invitation.entity';
import type { Principal } from './principal';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { applyScope, communityScope, companyScope, eitherScope } from './scope';

const INVITATION_DAYS = 7;
/** No 0/O, 1/I/L: read aloud over the phone without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

interface Scope {
  role: GrantableRole;
  communityId: number | null;
  companyId: number | null;
  areaId: number | null;
}

/**
 * Who may hand out (and take back) which role, where:
 * - staff, manager: the admin of the company that serves the community today;
 * - committee, committee_chair: the community office of the estate;
 * - company_admin, community_office, regulator, platform_admin: platform admins.
 * Platform admins may hand out any role.
 */
/** Which roles a holder of each role may hand out (where: mayGrant). */
const GRANTABLE_BY: Partial<Record<Role, readonly GrantableRole[]>> = {
  platform_admin: ['staff', 'manager', 'company_admin', 'committee', 'committee_chair', 'community_office', 'regulator', 'platform_admin'],
  company_admin: ['staff', 'manager'],
  community_office: ['committee', 'committee_chair'],
};

@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async invite(dto: CreateInvitationDto, caller: Principal): Promise<InvitationView> {
    const scope = await this.resolveScope(dto, caller);
    const id = await this.db.transaction(async (m) => {
      const invitation = await m.getRepository(Invitation).save(
        m.getRepository(Invitation).create({
          code: await this.freshCode(m),
          role: scope.role,
          communityId: scope.communityId,
          companyId: scope.companyId,
          areaId: scope.areaId,
          title: dto.title ?? null,
          createdById: caller.userId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
          acceptedById: null,
          acceptedAt: null,
        }),
      );
      await this.audit.record(
        { by: caller, action: 'invitation.create', entityType: 'invitation', entityId: invitation.id, communityId: scope.communityId, companyId: scope.companyId, after: { ...scope, title: dto.title ?? null } },
        m,
      );
      return invitation.id;
    });
    return (await this.invitationViews([await this.db.getRepository(Invitation).findOneByOrFail({ id })]))[0];
  }

  /** Invitations the caller issued (newest first). */
  async myInvitations(caller: Principal, query: { cursor?: string; limit?: number }): Promise<Page<InvitationView>> {
    const qb = this.db.getRepository(Invitation).createQueryBuilder('i').where('i.createdById = :me', { me: caller.userId });
    const page = await keysetPage(qb, { columns: [{ expr: 'i.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (i) => [i.id] });
    return { items: await this.invitationViews(page.items), nextCursor: page.nextCursor };
  }

  /** What a code offers the caller, and whether they may accept it (the app shows 接受 or the reason before the tap). */
  async check(code: string, caller: Principal): Promise<InvitationPreview> {
    const invitation = await this.findInvitation(code);
    const refusal = await this.refusal(invitation, caller.userId);
    const [view] = await this.invitationViews([invitation]);
    return { role: view.role, scopeName: view.scopeName, title: view.title, expiresAt: view.expiresAt, can: { accept: !refusal }, blocked: refusal ? { accept: refusal.message } : {} };
  }

  /** Redeems a code: the caller receives the role. Single use; expired or stale codes are refused. */
  async accept(code: string, caller: Principal): Promise<RoleAssignmentView> {
    const invitation = await this.findInvitation(code);
    const refusal = await this.refusal(invitation, caller.userId);
    if (refusal) throw refusal;
    const assignmentId = await this.db.transaction(async (m) => {
      const used = await m
        .getRepository(Invitation)
        .createQueryBuilder()
        .update()
        .set({ acceptedById: caller.userId, acceptedAt: new Date() })
        .where('id = :id AND accepted_at IS NULL', { id: invitation.id })
        .execute();
      if (!used.affected) throw conflict('INVITATION_USED', '该邀请码已被使用');
      const scope: Scope = { role: invitation.role, communityId: invitation.communityId, companyId: invitation.companyId, areaId: invitation.areaId };
      return this.grant(m, caller.userId, scope, invitation.title, invitation.createdById, 'invitation.accept', caller);
    });
    return (await this.assignmentViews([await this.db.getRepository(RoleAssignment).findOneByOrFail({ id: assignmentId })]))[0];
  }

  private async findInvitation(code: string): Promise<Invitation> {
    const invitation = await this.db.getRepository(Invitation).findOneBy({ code: code.trim().toUpperCase() });
    if (!invitation) throw new DomainError(404, 'INVITATION_INVALID', '邀请码不存在，请核对后重新输入');
    return invitation;
  }

  /** Why `userId` cannot redeem this invitation now, or null: the one list of refusals for the check and for accepting. */
  private async refusal(invitation: Invitation, userId: number): Promise<DomainError | null> {
    if (invitation.acceptedAt) return conflict('INVITATION_USED', '该邀请码已被使用');
    if (invitation.expiresAt.getTime() <= Date.now()) return new DomainError(410, 'INVITATION_EXPIRED', '邀请码已过期，请联系发出邀请的人重新生成');
    if ((invitation.role === 'staff' || invitation.role === 'manager') && !(await this.serves(invitation.companyId, invitation.communityId))) {
      return conflict('INVITATION_STALE', '该物业企业已不再服务这个小区，邀请码失效');
    }
    const clash = await dutiesConflict(this.db, userId, invitation);
    return clash ? conflict('DUTIES_CONFLICT', clash) : null;
  }

  /** A company admin puts one of the company's people in another role or estate (e.g. makes them manager). */
  async assign(dto: AssignRoleDto, caller: Principal): Promise<RoleAssignmentView> {
    const scope = await this.resolveScope({ role: dto.role, communityId: dto.communityId }, caller);
    const employee = await this.db
      .getRepository(RoleAssignment)
      .existsBy({ userId: dto.userId, companyId: scope.companyId as number, revokedAt: IsNull() });
    if (!employee) throw notFound('user');
    const id = await this.db.transaction((m) => this.grant(m, dto.userId, scope, dto.title ?? null, caller.userId, 'role.assign', caller));
    return (await this.assignmentViews([await this.db.getRepository(RoleAssignment).findOneByOrFail({ id })]))[0];
  }

  async revoke(id: number, caller: Principal): Promise<RoleAssignmentView> {
    const assignment = await this.db.getRepository(RoleAssignment).findOneBy({ id, revokedAt: IsNull() });
    if (!assignment || !(await this.mayGrant(caller, assignment))) throw notFound('role');
    if (assignment.userId === caller.userId) throw conflict('CANNOT_REVOKE_SELF', '不能撤销自己的角色，请由其他管理员操作');
    await this.db.transaction(async (m) => {
      const result = await m.getRepository(RoleAssignment).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw conflict('CONFLICT', '该角色已被撤销');
      await this.audit.record(
        { by: caller, action: 'role.revoke', entityType: 'role_assignment', entityId: id, communityId: assignment.communityId, companyId: assignment.companyId, before: { userId: assignment.userId, role: assignment.role }, after: { revoked: true } },
        m,
      );
    });
    return (await this.assignmentViews([await this.db.getRepository(RoleAssignment).findOneByOrFail({ id })]))[0];
  }

  /** Role assignments the caller may manage, filtered by company, community or area. */
  async list(query: ListRoleAssignmentsQuery, caller: Principal): Promise<Page<RoleAssignmentView>> {
    const qb = this.db.getRepository(RoleAssignment).createQueryBuilder('ra').where('ra.revokedAt IS NULL');
    const committees = communityScope(caller, 'roles.committee', 'ra.communityId');
    applyScope(qb, eitherScope(companyScope(caller, 'ra.companyId'), committees.sql === '1 = 0' ? committees : { sql: `(ra.role IN ('committee', 'committee_chair') AND ${committees.sql})`, params: committees.params }));
    if (query.companyId) qb.andWhere('ra.companyId = :companyId', { companyId: query.companyId });
    if (query.communityId) qb.andWhere('ra.communityId = :communityId', { communityId: query.communityId });
    if (query.areaId) qb.andWhere('ra.areaId = :areaId', { areaId: query.areaId });
    const page = await keysetPage(qb, { columns: [{ expr: 'ra.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (r) => [r.id] });
    return { items: await this.assignmentViews(page.items), nextCursor: page.nextCursor };
  }

  /** 职责分离: people on both sides of an estate in the caller's reach, with the assignments behind it. */
  async conflicts(query: { cursor?: string; limit?: number }, caller: Principal): Promise<Page<DutyConflictView>> {
    const page = await dutyConflictPage(this.db, caller, query);
    const ids = [...new Set(page.pairs.flatMap((p) => p.rows.map((r) => r.assignmentId)))];
    const assignments = ids.length ? await this.db.getRepository(RoleAssignment).findBy({ id: In(ids) }) : [];
    const views = await this.assignmentViews(assignments);
    const revocable = new Set<number>();
    for (const a of assignments) if (a.userId !== caller.userId && (await this.mayGrant(caller, a))) revocable.add(a.id);
    const communities = await this.db.getRepository(Community).findBy({ id: In(page.pairs.map((p) => p.communityId)) });
    const viewOf = (id: number) => ({ ...(views.find((v) => v.id === id) as RoleAssignmentView), can: { revoke: revocable.has(id) } });
    return {
      items: page.pairs.map((p) => ({
        user: viewOf(p.rows[0].assignmentId).user,
        communityId: p.communityId,
        communityName: communities.find((c) => c.id === p.communityId)?.name ?? '',
        property: p.rows.filter((r) => r.side === 'property').map((r) => viewOf(r.assignmentId)),
        committee: p.rows.filter((r) => r.side === 'committee').map((r) => viewOf(r.assignmentId)),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Every grant goes through here: the same role twice is the first one, and 职责分离 is checked in the same transaction. */
  private async grant(m: EntityManager, userId: number, scope: Scope, title: string | null, grantedById: number, action: string, caller: Principal): Promise<number> {
    // Two grants to one person at once (a committee invitation and a staff one, accepted together) would each pass
    // the check below before either is written: the person's row is locked first, so they take turns.
    await m.createQueryBuilder().update(User).set({ id: () => 'id' }).where('id = :userId', { userId }).execute();
    const repo = m.getRepository(RoleAssignment);
    const same = await repo.findOneBy({
      userId,
      role: scope.role,
      communityId: scope.communityId ?? IsNull(),
      companyId: scope.companyId ?? IsNull(),
      areaId: scope.areaId ?? IsNull(),
      revokedAt: IsNull(),
    });
    if (same) return same.id;
    const who = userId === caller.userId ? '您' : ((await m.getRepository(User).findOneBy({ id: userId }))?.displayName ?? '该用户');
    const clash = await dutiesConflict(m, userId, scope, who);
    if (clash) throw conflict('DUTIES_CONFLICT', clash);
    const saved = await repo.save(
      repo.create({ userId, role: scope.role, communityId: scope.communityId, companyId: scope.companyId, areaId: scope.areaId, title, grantedById, revokedAt: null }),
    );
    await this.audit.record(
      { by: caller, actorId: grantedById, action, entityType: 'role_assignment', entityId: saved.id, communityId: scope.communityId, companyId: scope.companyId, after: { userId, ...scope, title } },
      m,
    );
    return saved.id;
  }

  /** Checks the scope a role needs and that the caller may grant it there. Out of reach answers 404. */
  private async resolveScope(dto: { role: GrantableRole; communityId?: number; companyId?: number; areaId?: number }, caller: Principal): Promise<Scope> {
    if (!this.grantableRoles(caller).includes(dto.role)) throw forbidden(`您不能授予“${ROLE_LABELS[dto.role]}”角色`);
    const scope: Scope = { role: dto.role, communityId: null, companyId: null, areaId: null };
    switch (dto.role) {
      case 'staff':
      case 'manager': {
        if (!dto.communityId) throw invalid(`${ROLE_LABELS[dto.role]}须指定小区`, { field: 'communityId' });
        const served = await activeContractsQuery(this.db, shanghaiDate()).andWhere('sc.communityId = :c', { c: dto.communityId }).getOne();
        if (!served) throw notFound('community');
        scope.communityId = dto.communityId;
        scope.companyId = served.companyId;
        break;
      }
      case 'committee':
      case 'committee_chair':
        if (!dto.communityId) throw invalid(`${ROLE_LABELS[dto.role]}须指定小区`, { field: 'communityId' });
        if (!(await this.db.getRepository(Community).existsBy({ id: dto.communityId }))) throw notFound('community');
        scope.communityId = dto.communityId;
        break;
      case 'company_admin':
        if (!dto.companyId) throw invalid('企业管理员须指定物业企业', { field: 'companyId' });
        if (!(await this.db.getRepository(PropertyCompany).existsBy({ id: dto.companyId }))) throw notFound('company');
        scope.companyId = dto.companyId;
        break;
      case 'community_office':
      case 'regulator': {
        if (!dto.areaId) throw invalid(`${ROLE_LABELS[dto.role]}须指定区域`, { field: 'areaId' });
        const area = await this.db.getRepository(Area).findOneBy({ id: dto.areaId });
        if (!area) throw notFound('area');
        const fits = dto.role === 'community_office' ? area.level === 'community_office' : area.level !== 'community_office';
        if (!fits) throw invalid(dto.role === 'community_office' ? '社区（村）角色须指定社区（村）' : '主管部门须指定县或乡镇', { field: 'areaId' });
        scope.areaId = dto.areaId;
        break;
      }
      case 'platform_admin':
        break;
    }
    // The caller grants this role somewhere, just not here: as if the place did not exist.
    if (!(await this.mayGrant(caller, scope))) throw notFound(scope.communityId ? 'community' : scope.companyId ? 'company' : 'area');
    return scope;
  }

  private grantableRoles(caller: Principal): GrantableRole[] {
    return [...new Set(caller.grants.flatMap((g) => GRANTABLE_BY[g.role] ?? []))];
  }

  async mayGrant(caller: Principal, scope: Scope): Promise<boolean> {
    if (caller.hasRole('platform_admin')) return true;
    switch (scope.role) {
      case 'staff':
      case 'manager':
        return (
          scope.companyId !== null &&
          (caller.companyIds() as number[]).includes(scope.companyId) &&
          scope.communityId !== null &&
          (await this.serves(scope.companyId, scope.communityId))
        );
      case 'committee':
      case 'committee_chair':
        return (
          scope.communityId !== null &&
          caller.mayInCommunity('roles.committee', scope.communityId)
        );
      default:
        return false;
    }
  }

  private async serves(companyId: number | null, communityId: number | null): Promise<boolean> {
    if (companyId === null || communityId === null) return false;
    return activeContractsQuery(this.db, shanghaiDate())
      .andWhere('sc.companyId = :companyId AND sc.communityId = :communityId', { companyId, communityId })
      .getExists();
  }

  private async freshCode(m: EntityManager): Promise<string> {
    for (;;) {
      let code = '';
      for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if (!(await m.getRepository(Invitation).existsBy({ code }))) return code;
    }
  }

  private async scopeNames(rows: { communityId: number | null; companyId: number | null; areaId: number | null }[]) {
    const ids = (key: 'communityId' | 'companyId' | 'areaId') => [...new Set(rows.map((r) => r[key]).filter((x): x is number => x !== null))];
    const [communities, companies, areas] = await Promise.all([
      ids('communityId').length ? this.db.getRepository(Community).findBy({ id: In(ids('communityId')) }) : [],
      ids('companyId').length ? this.db.getRepository(PropertyCompany).findBy({ id: In(ids('companyId')) }) : [],
      ids('areaId').length ? this.db.getRepository(Area).findBy({ id: In(ids('areaId')) }) : [],
    ]);
    return (r: { communityId: number | null; companyId: number | null; areaId: number | null }) =>
      r.communityId !== null
        ? (communities.find((c) => c.id === r.communityId)?.name ?? '')
        : r.companyId !== null
          ? (companies.find((c) => c.id === r.companyId)?.name ?? '')
          : r.areaId !== null
            ? (areas.find((a) => a.id === r.areaId)?.name ?? '')
            : '全平台';
  }

  private async invitationViews(invitations: Invitation[]): Promise<InvitationView[]> {
    const nameOf = await this.scopeNames(invitations);
    const accepters = await this.db.getRepository(User).findBy({ id: In(invitations.map((i) => i.acceptedById).filter((x): x is number => x !== null)) });
    return invitations.map((i) => ({
      id: i.id,
      code: i.code,
      role: i.role,
      scopeName: nameOf(i),
      communityId: i.communityId,
      companyId: i.companyId,
      areaId: i.areaId,
      title: i.title,
      expiresAt: i.expiresAt.toISOString(),
      acceptedAt: i.acceptedAt ? i.acceptedAt.toISOString() : null,
      acceptedBy: accepters.find((u) => u.id === i.acceptedById)?.displayName ?? null,
    }));
  }

  async assignmentViews(rows: RoleAssignment[]): Promise<RoleAssignmentView[]> {
    if (!rows.length) return [];
    const nameOf = await this.scopeNames(rows);
    const users = await this.db.getRepository(User).findBy({ id: In([...new Set(rows.map((r) => r.userId))]) });
    const staffRows = rows.filter((r) => (r.role === 'staff' || r.role === 'manager') && r.communityId !== null);
    const active = staffRows.length
      ? await activeContractsQuery(this.db, shanghaiDate()).andWhere('sc.communityId IN (:...ids)', { ids: staffRows.map((r) => r.communityId) }).getMany()
      : [];
    return rows.map((r) => {
      const user = users.find((u) => u.id === r.userId);
      const effective =
        r.revokedAt === null &&
        (r.role !== 'staff' && r.role !== 'manager' ? true : active.some((c) => c.communityId === r.communityId && c.companyId === r.companyId));
      return {
        id: r.id,
        user: { id: r.userId, displayName: user?.displayName ?? '', phone: user?.phoneMasked ?? null },
        role: r.role,
        communityId: r.communityId,
        companyId: r.companyId,
        areaId: r.areaId,
        scopeName: nameOf(r),
        title: r.title,
        createdAt: r.createdAt.toISOString(),
        effective,
      };
    });
  }
}
