import { Column, Entity, Index } from 'typeorm';
import type { RectificationState } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** The timeline of a rectification order: one row per step, never changed or removed. */
@Entity('rectification_event')
@Index(['rectificationId', 'id'])
export class RectificationEvent {
  @IdColumn() id: number;
  @RefColumn() rectificationId: number;

  /** Null for the scheduler. */
  @RefColumn({ nullable: true }) actorId: number | null;

  /** issued, reply, verify, return, overdue. */
  @Column({ type: 'varchar', length: 16 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromState: RectificationState | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toState: RectificationState | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @JsonColumn() photoIds: number[];
  @CreatedAtColumn() createdAt: Date;
}
