import { Area } from '../modules/org/area.entity';
import { Building } from '../modules/org/building.entity';
import { Community } from '../modules/org/community.entity';
import { House } from '../modules/org/house.entity';
import { PropertyCompany } from '../modules/org/property-company.entity';
import { ServiceContract } from '../modules/org/service-contract.entity';
import { AuditEntry } from '../modules/identity/audit-entry.entity';
import { AuthSession } from '../modules/identity/auth-session.entity';
import { HouseBinding } from '../modules/identity/house-binding.entity';
import { Invitation } from '../modules/identity/invitation.entity';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { User } from '../modules/identity/user.entity';

/** Every entity, listed explicitly (no globs: what is in the schema is visible here). */
export const ENTITIES = [
  Area,
  PropertyCompany,
  Community,
  Building,
  House,
  ServiceContract,
  User,
  RoleAssignment,
  HouseBinding,
  AuthSession,
  AuditEntry,
  Invitation,
];
