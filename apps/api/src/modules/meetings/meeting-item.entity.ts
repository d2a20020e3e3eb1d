import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { MeetingItemState, MeetingParty } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/** 议定项目: what a meeting agreed for one of its estates, who answers for it and by when; open → done → verified by the office. */
@Entity('meeting_item')
@Index(['meetingId', 'id'])
@Index(['communityId', 'state', 'id'])
@Index(['state', 'deadlineAt'])
@Index(['ticketId'])
@Index(['meetingId', 'batchKey', 'batchIndex'], { unique: true })
export class MeetingItem {
  @IdColumn() id: number;
  @RefColumn() meetingId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 500 }) text: string;
  @Column({ type: 'varchar', length: 16 }) ownerParty: MeetingParty;
  @Column({ type: 'varchar', length: 20 }) ownerName: string;
  @InstantColumn() deadlineAt: Date;
  @Column({ type: 'varchar', length: 16 }) state: MeetingItemState;
  /** Set once by the scheduler when the deadline passed while still open: it is then in the office's 督办 queue. */
  @InstantColumn({ nullable: true }) overdueAt: Date | null;
  @InstantColumn({ nullable: true }) verifiedAt: Date | null;
  @RefColumn({ nullable: true }) ticketId: number | null;
  /** An owners' question on a disclosure it answers (the question shows the meeting took it up). */
  @RefColumn({ nullable: true }) questionId: number | null;
  /** A rectification order it decides (the order's timeline shows 已提交联席会). */
  @RefColumn({ nullable: true }) rectificationId: number | null;
  /** Who reported it done last: someone else verifies it. */
  @RefColumn({ nullable: true }) doneById: number | null;
  /** Added after the meeting (追加): the Idempotency-Key of the form that sent it, and its place in that form. */
  @Column({ type: 'varchar', length: 64, nullable: true }) batchKey: string | null;
  @Column({ type: 'integer', nullable: true }) batchIndex: number | null;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
