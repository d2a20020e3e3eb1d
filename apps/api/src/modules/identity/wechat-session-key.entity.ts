import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/**
 * WeChat's session_key of one sign-in (a session family): the key WeChat encrypts a group's enter info with.
 * Sealed at rest with the server's secret key; deleted when the session is logged out or revoked, ignored and
 * purged once expired. It never leaves the server.
 */
@Entity('wechat_session_key')
export class WechatSessionKey {
  @IdColumn() id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36 }) familyId: string;

  @Index()
  @RefColumn() userId: number;
  @Column({ type: 'varchar', length: 255 }) keyCipher: string;
  @InstantColumn() expiresAt: Date;
  @CreatedAtColumn() createdAt: Date;
}
