import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, DutyConflictView, InvitationPreview, InvitationView, Page, RoleAssignmentView } from '@wuye/contracts';
import { PageQuery } from '../../common/pagination';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from './access.decorators';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/auth.dto';
import { AcceptInvitationDto, AssignRoleDto, CreateInvitationDto, ListRoleAssignmentsQuery } from './dto/roles.dto';
import type { Principal } from './principal';
import { RolesService } from './roles.service';

@ApiTags('roles')
@ApiBearerAuth()
@Controller()
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * 邀请码: company admins invite staff and managers to the estates their company serves; community offices
   * invite committee members; platform admins invite anyone.
   */
  @Post('invitations')
  @Allow('roles.manage')
  invite(@Body() dto: CreateInvitationDto, @Caller() caller: Principal): Promise<InvitationView> {
    return this.roles.invite(dto, caller);
  }

  /**
   * What a code offers, before redeeming it: the role, the place, and whether the caller may accept it (and why not:
   * used, expired, or 职责分离). A POST, so the code stays out of request logs and counts against the write limit.
   */
  @Post('invitations/check')
  @HttpCode(200)
  @SignedIn()
  check(@Body() dto: AcceptInvitationDto, @Caller() caller: Principal): Promise<InvitationPreview> {
    return this.roles.check(dto.code, caller);
  }

  /** Redeem an invitation code: the caller receives its role. */
  @Post('invitations/accept')
  @HttpCode(200)
  @SignedIn()
  accept(@Body() dto: AcceptInvitationDto, @Caller() caller: Principal): Promise<RoleAssignmentView> {
    return this.roles.accept(dto.code, caller);
  }

  @Get('role-assignments')
  @Allow('roles.manage')
  list(@Query() query: ListRoleAssignmentsQuery, @Caller() caller: Principal): Promise<Page<RoleAssignmentView>> {
    return this.roles.list(query, caller);
  }

  /**
   * 职责分离: people holding a property-side and a committee role in the same estate, within the caller's reach (the
   * office of the estate, the admin of the serving company, platform admins), each role with whether the caller may
   * revoke it.
   */
  @Get('role-assignments/conflicts')
  @Allow('roles.manage')
  conflicts(@Query() query: PageQuery, @Caller() caller: Principal): Promise<Page<DutyConflictView>> {
    return this.roles.conflicts(query, caller);
  }

  /** A company admin puts one of the company's people in a role at an estate it serves. */
  @Post('role-assignments')
  @Allow('roles.manage')
  assign(@Body() dto: AssignRoleDto, @Caller() caller: Principal): Promise<RoleAssignmentView> {
    return this.roles.assign(dto, caller);
  }

  @Post('role-assignments/:id/revoke')
  @HttpCode(200)
  @Allow('roles.manage')
  revoke(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<RoleAssignmentView> {
    return this.roles.revoke(id, caller);
  }

  /** 审计日志: role, binding and organisation changes. */
  @Get('audit')
  @Allow('audit.read')
  auditLog(@Query() query: AuditQuery, @Caller() caller: Principal): Promise<Page<AuditEntryView>> {
    return this.audit.list(query, caller);
  }
}
