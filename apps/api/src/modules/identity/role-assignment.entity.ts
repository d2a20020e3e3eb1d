import { Column, Entity, Index } from 'typeorm';
import type { Role } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/**
 * (user, role, scope). staff and manager carry both the community and the company they work for: the grant
 * only counts while that company holds the community's active service contract.
 * Residents are not here: their role comes from approved house bindings.
 */
@Entity('role_assignment')
export class RoleAssignment {
  @IdColumn() id: number;

  @Index()
  @RefColumn() userId: number;
  @Column({ type: 'varchar', length: 24 }) role: Exclude<Role, 'resident'>;

  @Index()
  @RefColumn({ nullable: true }) communityId: number | null;

  @Index()
  @RefColumn({ nullable: true }) companyId: number | null;
  @RefColumn({ nullable: true }) areaId: number | null;

  /** Job title for staff: 维修工, 保洁, 秩序… */
  @Column({ type: 'varchar', length: 32, nullable: true }) title: string | null;
  @RefColumn({ nullable: true }) grantedById: number | null;
  @CreatedAtColumn() createdAt: Date;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
}
