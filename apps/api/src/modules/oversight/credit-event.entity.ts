import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, DateColumn, IdColumn, RefColumn } from '../../database/columns';

export const CREDIT_EVENT_KINDS = ['interview', 'criticism', 'points', 'manager_dismissed', 'project_withdrawn'] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

/** 信用记录: an interview, public criticism, points deducted, a manager dismissed, a project withdrawn. */
@Entity('credit_event')
@Index(['companyId', 'occurredOn'])
export class CreditEvent {
  @IdColumn() id: number;
  @RefColumn() companyId: number;

  /** The project manager concerned, if any. */
  @RefColumn({ nullable: true }) managerUserId: number | null;
  @RefColumn({ nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 24 }) kind: CreditEventKind;

  /** Points deducted (信用扣分); 0 for the other kinds. */
  @Column({ type: 'integer', default: 0 }) points: number;
  @DateColumn() occurredOn: string;
  @Column({ type: 'varchar', length: 500 }) reason: string;

  /** The office that issued it (a town or the county). */
  @RefColumn() issuingAreaId: number;

  /** The rectification order the event cites (整改不力), if any. */
  @RefColumn({ nullable: true }) rectificationId: number | null;
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
}
