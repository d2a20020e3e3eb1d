import { Column, Entity, Index } from 'typeorm';
import type { MeetingItemState } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

/** The timeline of an agreed item: one row per step, never changed or removed. */
@Entity('meeting_item_event')
@Index(['itemId', 'id'])
export class MeetingItemEvent {
  @IdColumn() id: number;
  @RefColumn() itemId: number;
  /** Null for the scheduler. */
  @RefColumn({ nullable: true }) actorId: number | null;
  /** agreed, done, verify, return, overdue. */
  @Column({ type: 'varchar', length: 16 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromState: MeetingItemState | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toState: MeetingItemState | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreatedAtColumn() createdAt: Date;
}
