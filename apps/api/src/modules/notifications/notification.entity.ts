import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, JsonColumn, RefColumn } from '../../database/columns';

export type WechatDelivery = 'none' | 'pending' | 'sent' | 'refused' | 'failed';

/** An in-app notification, and how its WeChat subscribe message fared (a refusal is recorded, never fatal). */
@Entity('notification')
@Index(['userId', 'id'])
@Index(['wechatStatus', 'id'])
export class Notification {
  @IdColumn() id: number;
  @RefColumn() userId: number;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 64 }) title: string;
  @Column({ type: 'varchar', length: 255 }) body: string;
  @RefColumn({ nullable: true }) ticketId: number | null;

  /** The disclosure it is about: its page is where the reader acts (notificationPage). */
  @RefColumn({ nullable: true }) disclosureId: number | null;

  /** The announcement (公告) it is about: opens the announcement's page. */
  @RefColumn({ nullable: true }) announcementId: number | null;
  /** The vote (业主共同决定) it is about: opens the vote's page. */
  @RefColumn({ nullable: true }) voteId: number | null;
  @RefColumn({ nullable: true }) rectificationId: number | null;
  @InstantColumn({ nullable: true }) readAt: Date | null;
  @Column({ type: 'varchar', length: 8, default: 'none' }) wechatStatus: WechatDelivery;
  @Column({ type: 'varchar', length: 64, nullable: true }) wechatTemplateId: string | null;

  /** The subscribe message's fields (thing1, phrase2, time3, thing4). */
  @JsonColumn({ nullable: true }) wechatData: Record<string, string> | null;
  @Column({ type: 'integer', nullable: true }) wechatErrcode: number | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) wechatErrmsg: string | null;
  @Column({ type: 'integer', default: 0 }) wechatAttempts: number;
  @CreatedAtColumn() createdAt: Date;
}
