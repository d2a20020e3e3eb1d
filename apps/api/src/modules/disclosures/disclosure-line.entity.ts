import { Column, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

@Entity('disclosure_line')
@Index(['disclosureId', 'seq'])
export class DisclosureLine {
  @IdColumn() id: number;
  @RefColumn() disclosureId: number;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) item: string;
  @FenColumn({ nullable: true }) amountFen: number | null;
  @JsonColumn() fields: Record<string, string | number | boolean | null>;
  @JsonColumn() attachmentIds: number[];

  /**
   * The review round during which this line last changed (0: as first drafted). Committee approvals and queries of
   * rounds up to this one were about an older line: approvals no longer count, queries were closed by the change.
   */
  @Column({ type: 'integer', default: 0 }) changedRound: number;
}
