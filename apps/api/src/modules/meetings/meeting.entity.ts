import { Column, Entity, Index } from 'typeorm';
import type { AgendaEntry, MeetingAttendee, MeetingKind } from '@wuye/contracts';
import { CreatedAtColumn, DateColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** 四方联席会 / 协调委员会会议 of an estate, recorded by its community office (or a town). */
@Entity('meeting')
@Index(['communityId', 'heldOn'])
@Index(['areaPath', 'heldOn'])
@Index(['createdById', 'idempotencyKey'], { unique: true })
export class Meeting {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  /** The estate's area path, for statistics per area. */
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  /** The office (or town) that keeps the meeting. */
  @RefColumn() officeAreaId: number;
  @Column({ type: 'varchar', length: 16 }) kind: MeetingKind;
  @DateColumn() heldOn: string;
  @JsonColumn() attendees: MeetingAttendee[];
  @Column({ type: 'text' }) minutes: string;
  @JsonColumn() signInPhotoIds: number[];
  @JsonColumn() agenda: AgendaEntry[];
  @RefColumn() createdById: number;
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @CreatedAtColumn() createdAt: Date;
}
