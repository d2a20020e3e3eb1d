import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

export type EscalationReason = 'response_overdue' | 'resolution_overdue' | 'reopened_twice' | 'appeal' | 'complaint';

/** 督办: a ticket put in front of the community office (overdue, reopened twice, appealed). */
@Entity('escalation')
@Index(['officeAreaId', 'state', 'id'])
@Index(['ticketId', 'id'])
export class Escalation {
  @IdColumn() id: number;
  @RefColumn() ticketId: number;
  @RefColumn() communityId: number;

  /** The community office (area) whose queue it lands in. */
  @RefColumn() officeAreaId: number;
  @Column({ type: 'varchar', length: 24 }) reason: EscalationReason;
  @Column({ type: 'varchar', length: 8, default: 'open' }) state: 'open' | 'closed';

  /** A new deadline the office set for the property side. */
  @InstantColumn({ nullable: true }) deadlineAt: Date | null;
  @InstantColumn({ nullable: true }) closedAt: Date | null;
  @RefColumn({ nullable: true }) closedById: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) closingNote: string | null;
  @CreatedAtColumn() createdAt: Date;
}
