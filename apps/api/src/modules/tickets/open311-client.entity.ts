import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/** A system allowed to file tickets through Open311 (a 12345 hotline), within an area. Only the key's hash is kept. */
@Entity('open311_client')
export class Open311Client {
  @IdColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 }) keyHash: string;

  /** County, town or office whose estates it may file tickets for. */
  @RefColumn() areaId: number;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;

  /**
   * The account photos it sends (`media`) are uploaded as (uploads belong to a user, and count against that user's
   * daily limits); made with the first photo. It cannot sign in: no WeChat openid, no development key.
   */
  @RefColumn({ nullable: true }) userId: number | null;
  @CreatedAtColumn() createdAt: Date;
}
