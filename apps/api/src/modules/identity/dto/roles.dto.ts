import { ROLES, type AssignRoleInput, type CreateInvitationInput, type GrantableRole } from '@wuye/contracts';
import { EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };
/** Every role but resident: residents come from approved house bindings, never from a grant. */
export const GRANTABLE_ROLES: readonly GrantableRole[] = ROLES.filter((r): r is GrantableRole => r !== 'resident');

export class CreateInvitationDto implements CreateInvitationInput {
  @EnumField(GRANTABLE_ROLES)
  role: GrantableRole;

  @IntField({ ...ID, optional: true, description: 'staff, manager, committee, committee_chair' })
  communityId?: number;

  @IntField({ ...ID, optional: true, description: 'company_admin' })
  companyId?: number;

  @IntField({ ...ID, optional: true, description: 'community_office (a community office), regulator (a town or county)' })
  areaId?: number;

  @TextField({ max: 32, optional: true, example: '维修工' })
  title?: string;
}

export class AcceptInvitationDto {
  @TextField({ min: 6, max: 16, pattern: /^[A-Za-z0-9]+$/, example: 'K7M3QX9P' })
  code: string;
}

export class AssignRoleDto implements AssignRoleInput {
  @IntField(ID)
  userId: number;

  @EnumField(['staff', 'manager'] as const)
  role: 'staff' | 'manager';

  @IntField(ID)
  communityId: number;

  @TextField({ max: 32, optional: true })
  title?: string;
}

export class ListRoleAssignmentsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  companyId?: number;

  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @IntField({ ...ID, optional: true, fromQuery: true })
  areaId?: number;
}
