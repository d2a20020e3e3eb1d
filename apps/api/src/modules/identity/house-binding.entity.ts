import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { BindingRelation, BindingState } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

export type { BindingRelation, BindingState };

/** A resident's tie to a house. An approved binding is what makes a user a resident of the community. */
@Entity('house_binding')
@Index(['communityId', 'state'])
export class HouseBinding {
  @IdColumn() id: number;

  @Index()
  @RefColumn() userId: number;

  @Index()
  @RefColumn() houseId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 8 }) relation: BindingRelation;
  @Column({ type: 'varchar', length: 12 }) state: BindingState;

  /** What the applicant wrote (e.g. the name on the deed); seen by reviewers only. */
  @Column({ type: 'varchar', length: 255, nullable: true }) applicantNote: string | null;
  @RefColumn({ nullable: true }) decidedById: number | null;
  @InstantColumn({ nullable: true }) decidedAt: Date | null;

  /** Why it was rejected or removed. */
  @Column({ type: 'varchar', length: 255, nullable: true }) reason: string | null;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
