import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/** A committee member's verdict on a disclosure or one line of it (业账社审), and the manager's answer to a query. */
@Entity('disclosure_review')
@Index(['disclosureId', 'round'])
export class DisclosureReview {
  @IdColumn() id: number;
  @RefColumn() disclosureId: number;
  @RefColumn({ nullable: true }) lineId: number | null;
  @Column({ type: 'integer' }) round: number;
  @RefColumn() reviewerId: number;
  @Column({ type: 'varchar', length: 8 }) decision: 'approve' | 'query';
  @Column({ type: 'varchar', length: 500, nullable: true }) comment: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) answer: string | null;
  @RefColumn({ nullable: true }) answeredById: number | null;
  @InstantColumn({ nullable: true }) answeredAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
