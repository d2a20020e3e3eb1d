import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { ReturnVisitState, TicketKind, TicketSource, TicketState, TicketVisibility } from '@wuye/contracts';
import { BoolColumn, CreatedAtColumn, IdColumn, InstantColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/** 工单. Deadlines and what happened when are kept on the row, so lists and statistics need no joins. */
@Entity('ticket')
@Index(['communityId', 'id'])
@Index(['communityId', 'state', 'id'])
@Index(['reporterId', 'id'])
@Index(['assigneeId', 'state', 'id'])
// Overdue now, per estate of an area: answered from the index alone (no row reads among millions of tickets).
@Index(['state', 'responseDueAt', 'areaPath', 'communityId'])
@Index(['state', 'resolutionDueAt', 'areaPath', 'communityId'])
@Index(['communityId', 'categoryCode', 'createdAt'])
@Index(['reporterId', 'idempotencyKey'], { unique: true })
@Index(['filedById', 'idempotencyKey'], { unique: true })
// The 回访 list per estate, and the sweep for app tickets left unrated past the rating window.
@Index(['returnVisit', 'communityId', 'id'])
@Index(['state', 'ratingStars', 'returnVisit', 'closedAt'])
export class Ticket {
  @IdColumn() id: number;
  @RefColumn() communityId: number;

  /** The community's area path (county/town/office), copied so oversight queries need no join. */
  @Index()
  @Column({ type: 'varchar', length: 255 }) areaPath: string;

  /** The resident who reported it in the app; null for tickets with no app reporter (Open311, 代报). */
  @RefColumn({ nullable: true }) reporterId: number | null;

  /** The channel it came by (TICKET_SOURCES): the app, the estate's property side (内部报事), 12345, 信访, 来访… */
  @Column({ type: 'varchar', length: 16, default: 'app' }) source: TicketSource;

  /** 代报: the manager, staff member or office who filed it for the caller. */
  @RefColumn({ nullable: true }) filedById: number | null;

  /** 代报: the caller, their phone encrypted (AES-256-GCM, identity/phone.ts) and masked for display. */
  @Column({ type: 'varchar', length: 32, nullable: true }) callerName: string | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) callerPhoneCipher: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) callerPhoneMasked: string | null;

  /** 回访 (RETURN_VISIT_LABELS): null while none is needed, 'due', then its outcome. */
  @Column({ type: 'varchar', length: 16, nullable: true }) returnVisit: ReturnVisitState | null;

  /** Tries that reached nobody, and the Asia/Shanghai day of the last (each try on another day). */
  @Column({ type: 'integer', default: 0 }) returnVisitTries: number;
  @Column({ type: 'varchar', length: 10, nullable: true }) returnVisitTriedOn: string | null;
  @Column({ type: 'varchar', length: 16 }) kind: TicketKind;
  @Column({ type: 'varchar', length: 32 }) categoryCode: string;
  @Column({ type: 'varchar', length: 32 }) categoryName: string;
  @BoolColumn({ default: false }) emergency: boolean;
  @Column({ type: 'text' }) description: string;
  @JsonColumn() photoIds: number[];
  @RefColumn({ nullable: true }) houseId: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) place: string | null;
  @Column({ type: 'double', nullable: true }) lat: number | null;
  @Column({ type: 'double', nullable: true }) long: number | null;
  @Column({ type: 'varchar', length: 8 }) visibility: TicketVisibility;

  /** How other residents see the reporter: "3栋业主". */
  @Column({ type: 'varchar', length: 32 }) reporterMask: string;
  @Column({ type: 'varchar', length: 16 }) state: TicketState;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
  @RefColumn({ nullable: true }) assigneeId: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) externalAssignee: string | null;
  @InstantColumn() responseDueAt: Date;
  @InstantColumn() resolutionDueAt: Date;
  @InstantColumn({ nullable: true }) acceptedAt: Date | null;
  @InstantColumn({ nullable: true }) resolvedAt: Date | null;
  @InstantColumn({ nullable: true }) closedAt: Date | null;

  /** Set once the deadline passed unmet (the overdue job); null while on time. */
  @InstantColumn({ nullable: true }) responseOverdueAt: Date | null;
  @InstantColumn({ nullable: true }) resolutionOverdueAt: Date | null;
  /** Whether the deadline was met, decided when the step happened. */
  @BoolColumn({ nullable: true }) respondedOnTime: boolean | null;
  @BoolColumn({ nullable: true }) resolvedOnTime: boolean | null;

  /** An open escalation to the community office (督办). */
  @InstantColumn({ nullable: true }) escalatedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) reopenCount: number;
  @Column({ type: 'integer', default: 0 }) followerCount: number;
  @Column({ type: 'integer', nullable: true }) ratingStars: number | null;
  @JsonColumn({ nullable: true }) ratingTags: string[] | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) ratingComment: string | null;
  @InstantColumn({ nullable: true }) ratedAt: Date | null;

  /** WeChat's content check said "review": kept off the community board until the manager looks. */
  @BoolColumn({ default: false }) heldForReview: boolean;

  /** The app's Idempotency-Key: a retried submission returns this ticket instead of a second one. */
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
