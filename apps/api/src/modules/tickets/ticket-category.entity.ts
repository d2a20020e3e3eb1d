import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, RefColumn } from '../../database/columns';

/** A ticket category of one estate with its deadlines (SLA). */
@Entity('ticket_category')
@Index(['communityId', 'code'], { unique: true })
export class TicketCategoryRow {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'integer' }) responseMinutes: number;
  @Column({ type: 'integer' }) resolutionMinutes: number;
  @BoolColumn({ default: false }) emergency: boolean;
  @BoolColumn({ default: true }) active: boolean;
  @Column({ type: 'integer', default: 0 }) sortOrder: number;
}
