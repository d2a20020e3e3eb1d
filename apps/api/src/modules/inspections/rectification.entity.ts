import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { InspectionSection, RectificationState } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/** 整改单: a failed item of an inspection, addressed to the company serving the estate, with a deadline. */
@Entity('rectification')
@Index(['communityId', 'state', 'id'])
@Index(['companyId', 'state', 'id'])
@Index(['areaPath', 'createdAt'])
@Index(['state', 'deadlineAt'])
@Index(['inspectionId'])
export class Rectification {
  @IdColumn() id: number;
  @RefColumn() inspectionId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @RefColumn() companyId: number;
  @Column({ type: 'varchar', length: 16 }) section: InspectionSection;
  @Column({ type: 'varchar', length: 16 }) itemCode: string;
  @Column({ type: 'varchar', length: 200 }) itemText: string;

  /** What the inspector found. */
  @Column({ type: 'text' }) note: string;
  @JsonColumn() photoIds: number[];
  @Column({ type: 'varchar', length: 16 }) state: RectificationState;
  @InstantColumn() deadlineAt: Date;

  /** Set once by the scheduler when the deadline passed while the company had it: it is then in the office's 督办 queue. */
  @InstantColumn({ nullable: true }) overdueAt: Date | null;
  @InstantColumn({ nullable: true }) verifiedAt: Date | null;
  @RefColumn() issuingAreaId: number;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
