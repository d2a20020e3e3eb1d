import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/** 质询: a resident's question on a published disclosure or a line; the manager must answer by `dueAt`. */
@Entity('disclosure_question')
@Index(['disclosureId', 'id'])
@Index(['communityId', 'answeredAt', 'dueAt'])
export class DisclosureQuestion {
  @IdColumn() id: number;
  @RefColumn() disclosureId: number;
  @RefColumn() communityId: number;
  @RefColumn({ nullable: true }) lineId: number | null;
  @RefColumn() askerId: number;

  /** "3栋业主". */
  @Column({ type: 'varchar', length: 32 }) askerMask: string;
  @Column({ type: 'varchar', length: 1000 }) text: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) answer: string | null;
  @RefColumn({ nullable: true }) answeredById: number | null;
  @InstantColumn({ nullable: true }) answeredAt: Date | null;
  @InstantColumn() dueAt: Date;

  /** When the committee and the community office were told it went unanswered past `dueAt`. */
  @InstantColumn({ nullable: true }) overdueNotifiedAt: Date | null;
  /** The joint meeting that took it up last, and what it said of it ("已提交联席会…"): shown with the question. */
  @RefColumn({ nullable: true }) meetingId: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) meetingNote: string | null;
  @CreatedAtColumn() createdAt: Date;
}
