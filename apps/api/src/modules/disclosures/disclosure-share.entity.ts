import { Column, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '../../database/columns';

/** A house's share of a published shared cost (公摊). The shares of one disclosure add up to its total exactly. */
@Entity('disclosure_share')
@Index(['disclosureId', 'houseId'], { unique: true })
@Index(['houseId'])
export class DisclosureShare {
  @IdColumn() id: number;
  @RefColumn() disclosureId: number;
  @RefColumn() houseId: number;
  @FenColumn() shareFen: number;

  /** The weight used: hundredths of a m² (area), 1 (household) or the agreed weight (fixed). */
  @Column({ type: 'integer' }) weight: number;
}
