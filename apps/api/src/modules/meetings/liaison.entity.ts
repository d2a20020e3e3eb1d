import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/** 挂钩领导: a county leader assigned to an estate, who sits in on its joint meeting each quarter. */
@Entity('liaison')
@Index(['communityId', 'endedAt'])
export class Liaison {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 20 }) name: string;
  @Column({ type: 'varchar', length: 50 }) title: string;
  @RefColumn() assignedById: number;
  @CreatedAtColumn() createdAt: Date;
  /** Set when another leader takes the estate over. */
  @InstantColumn({ nullable: true }) endedAt: Date | null;
}
