import { Column, Entity, Index } from 'typeorm';
import type { PaperBallotState } from '@wuye/contracts';
import { BoolColumn, CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/**
 * One house's ballot in a vote: cast by a verified owner, or a paper ballot the committee entered with its photo,
 * which counts once the community office confirmed it (PAPER_BALLOT_TRANSITIONS).
 */
@Entity('ballot')
@Index(['voteId', 'liveHouseId'], { unique: true })
export class Ballot {
  @IdColumn() id: number;
  @RefColumn() voteId: number;
  @RefColumn() houseId: number;
  /** The house while this ballot stands; null once the office sent a paper ballot back, so the house may vote again. */
  @RefColumn({ nullable: true }) liveHouseId: number | null;
  @Column({ type: 'integer' }) choice: number;
  @RefColumn() castById: number;
  @BoolColumn({ default: false }) paper: boolean;
  @RefColumn({ nullable: true }) photoId: number | null;
  /** Paper ballots only: pending until the office confirms or sends it back. */
  @Column({ type: 'varchar', length: 12, nullable: true }) paperState: PaperBallotState | null;
  @RefColumn({ nullable: true }) decidedById: number | null;
  @InstantColumn({ nullable: true }) decidedAt: Date | null;
  /** Why the office sent it back. */
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @CreatedAtColumn() createdAt: Date;
}
