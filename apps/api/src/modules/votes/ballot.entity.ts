import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

/** One house's ballot in a vote: cast by a verified owner, or a paper ballot the committee entered with its photo. */
@Entity('ballot')
@Index(['voteId', 'houseId'], { unique: true })
export class Ballot {
  @IdColumn() id: number;
  @RefColumn() voteId: number;
  @RefColumn() houseId: number;
  @Column({ type: 'integer' }) choice: number;
  @RefColumn() castById: number;
  @BoolColumn({ default: false }) paper: boolean;
  @RefColumn({ nullable: true }) photoId: number | null;
  @CreatedAtColumn() createdAt: Date;
}
