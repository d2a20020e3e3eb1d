import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, CreatedAtColumn, IdColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * A county's floor for one ticket category (set by the county regulator): the loosest deadlines an estate of the
 * county may keep for it (DeadlineFloor in contracts). Estates may tighten them, never loosen them.
 */
@Entity('deadline_floor')
@Index(['areaId', 'code'], { unique: true })
export class DeadlineFloorRow {
  @IdColumn() id: number;

  /** The county. */
  @RefColumn() areaId: number;

  /** The category code it binds. */
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'integer' }) responseMinutes: number;
  @Column({ type: 'integer' }) resolutionMinutes: number;
  @BoolColumn({ default: false }) emergency: boolean;
  @RefColumn({ nullable: true }) updatedById: number | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
