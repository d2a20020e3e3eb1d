import { Column, Entity, Index } from 'typeorm';
import type { ReferralTier } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

/**
 * A 督办 the office sent up a tier: to the estate's next joint meeting (taken up when a meeting puts it on its agenda),
 * to the town's regulator (their queue), or to mediation (a mediation record).
 */
@Entity('referral')
@Index(['communityId', 'tier', 'meetingId'])
@Index(['escalationId', 'tier'], { unique: true })
export class Referral {
  @IdColumn() id: number;
  @RefColumn() escalationId: number;
  @RefColumn() ticketId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 16 }) tier: ReferralTier;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  /** The meeting that took it up; null while it waits. */
  @RefColumn({ nullable: true }) meetingId: number | null;
  /** tier 'mediation': the mediation record it opened. */
  @RefColumn({ nullable: true }) mediationId: number | null;
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
}
