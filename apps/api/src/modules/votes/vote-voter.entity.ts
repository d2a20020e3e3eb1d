import { Column, Entity, Index } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/**
 * One house on a vote's voter list, frozen when the vote opens: its 专有部分面积 then, the person it counts as for
 * the head count (解释第9条: one owner of several houses is one person) and the verified owners who may cast its
 * ballot. A house changing hands during the vote changes none of this.
 */
@Entity('vote_voter')
@Index(['voteId', 'houseId'], { unique: true })
export class VoteVoter {
  @IdColumn() id: number;
  @RefColumn() voteId: number;
  @RefColumn() houseId: number;
  @Column({ type: 'integer' }) areaCenti: number;
  @Column({ type: 'varchar', length: 32 }) personKey: string;
  @JsonColumn() ownerIds: number[];
}
