import { Column, Entity, Index } from 'typeorm';
import type { AnnouncementSide } from '@wuye/contracts';
import { BoolColumn, CreatedAtColumn, DateColumn, IdColumn, InstantColumn, JsonColumn, RefColumn } from '../../database/columns';

/** 公告: posted to an estate's residents by its manager, owners' committee or community office. */
@Entity('announcement')
@Index(['communityId', 'id'])
export class Announcement {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 64 }) title: string;
  @Column({ type: 'text' }) body: string;
  @JsonColumn() attachmentIds: number[];
  @BoolColumn({ default: false }) pinned: boolean;

  /** The last day it is shown (Asia/Shanghai); null: until withdrawn. */
  @DateColumn({ nullable: true }) expiresOn: string | null;

  /** The side that posted it: residents see the side, and only that side sees the read count. */
  @Column({ type: 'varchar', length: 16 }) postedBy: AnnouncementSide;
  @RefColumn() postedById: number;
  @InstantColumn({ nullable: true }) withdrawnAt: Date | null;
  @RefColumn({ nullable: true }) withdrawnById: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A resident opened the announcement (once per person): counted for the poster's side, never listed. */
@Entity('announcement_read')
@Index(['announcementId', 'userId'], { unique: true })
export class AnnouncementRead {
  @IdColumn() id: number;
  @RefColumn() announcementId: number;
  @RefColumn() userId: number;
  @InstantColumn() readAt: Date;
}
