import { Column, Entity, Index } from 'typeorm';
import type { TicketState } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

export type EventActorRole = 'reporter' | 'manager' | 'staff' | 'office' | 'follower' | 'hotline' | 'system';

/** The timeline of a ticket: one row per thing that happened, never changed or removed. */
@Entity('ticket_event')
@Index(['ticketId', 'id'])
export class TicketEvent {
  @IdColumn() id: number;
  @RefColumn() ticketId: number;
  @RefColumn({ nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 16 }) actorRole: EventActorRole;

  /** A transition (accept, resolve…) or: created, rate, urge, follow, overdue, escalated, comment, deadline, auto_close. */
  @Column({ type: 'varchar', length: 24 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromState: TicketState | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toState: TicketState | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @JsonColumn() photoIds: number[];
  @CreatedAtColumn() createdAt: Date;
}
