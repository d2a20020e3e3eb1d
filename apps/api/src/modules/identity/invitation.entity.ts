import { Column, Entity, Index } from 'typeorm';
import type { GrantableRole } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/**
 * A role offered to whoever redeems the code: how staff, managers, committee members and officials join
 * without anyone typing in their WeChat identity. Single use, expires.
 */
@Entity('invitation')
export class Invitation {
  @IdColumn() id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 }) code: string;
  @Column({ type: 'varchar', length: 24 }) role: GrantableRole;
  @RefColumn({ nullable: true }) communityId: number | null;

  @Index()
  @RefColumn({ nullable: true }) companyId: number | null;
  @RefColumn({ nullable: true }) areaId: number | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) title: string | null;

  @Index()
  @RefColumn() createdById: number;
  @InstantColumn() expiresAt: Date;
  @RefColumn({ nullable: true }) acceptedById: number | null;
  @InstantColumn({ nullable: true }) acceptedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
