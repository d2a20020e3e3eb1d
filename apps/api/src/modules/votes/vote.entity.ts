import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { VoteMatter, VoteState, VoteTally } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * 业主共同决定: one matter put to the owners of an estate. Drafted by the committee chair, opened by the community
 * office; at opening the voter list and the floor areas freeze (VoteVoter), at close the result freezes here and is
 * published in the estate's disclosure chain.
 */
@Entity('vote')
@Index(['communityId', 'state', 'id'])
@Index(['state', 'endsAt'])
export class Vote {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @Column({ type: 'varchar', length: 16 }) matter: VoteMatter;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) text: string;
  @JsonColumn() options: string[];
  @JsonColumn() documentIds: number[];
  @InstantColumn() endsAt: Date;
  @Column({ type: 'varchar', length: 12 }) state: VoteState;

  /** Why the office sent it back (退回修改), shown to the chair until the next submission. */
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @RefColumn() createdById: number;
  @RefColumn({ nullable: true }) approvedById: number | null;
  @InstantColumn({ nullable: true }) openedAt: Date | null;
  @InstantColumn({ nullable: true }) closedAt: Date | null;

  /** The frozen result, computed once at close. */
  @JsonColumn({ nullable: true }) result: VoteTally | null;

  /** The published result in the estate's chain. */
  @RefColumn({ nullable: true }) disclosureId: number | null;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
