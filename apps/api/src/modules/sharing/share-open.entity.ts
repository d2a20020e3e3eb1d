import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../../database/columns';
import type { ShareCardKind } from '@wuye/contracts';

/**
 * A share card opened from a WeChat group: which record, which estate, which group (opengid, WeChat's id of the
 * group for this mini-program), when. Never who opened it.
 */
@Entity('share_open')
@Index(['recordKind', 'recordId'])
@Index(['communityId', 'openedAt'])
export class ShareOpen {
  @IdColumn() id: number;
  @Column({ type: 'varchar', length: 16 }) recordKind: ShareCardKind;
  @RefColumn() recordId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 64 }) openGid: string;
  @InstantColumn() openedAt: Date;
}
