import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

export type Moderation = 'none' | 'pending' | 'pass' | 'risky';

/** A re-encoded photo (JPEG, no metadata) and its thumbnail in object storage. */
@Entity('upload')
// Today's uploads of one user (the daily limits); the unattached ones past 24 h (the clean-up job).
@Index(['ownerId', 'createdAt'])
@Index(['attachedAt', 'createdAt'])
export class Upload {
  @IdColumn() id: number;
  @RefColumn() ownerId: number;
  @Column({ type: 'varchar', length: 128 }) storageKey: string;

  /** '' for a PDF: vouchers in PDF have no thumbnail. */
  @Column({ type: 'varchar', length: 128 }) thumbnailKey: string;

  /** A photo (re-encoded JPEG) or a PDF voucher (kept as sent, after its type was checked). */
  @Column({ type: 'varchar', length: 8, default: 'image' }) kind: 'image' | 'pdf';
  @Column({ type: 'integer' }) bytes: number;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;

  /** SHA-256 of the stored JPEG. */
  @Column({ type: 'varchar', length: 64 }) sha256: string;

  /** When a ticket or feedback took it; an upload is attached once. */
  @InstantColumn({ nullable: true }) attachedAt: Date | null;

  /** WeChat's media check for photos shown on the community board. */
  @Column({ type: 'varchar', length: 8, default: 'none' }) moderation: Moderation;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true }) moderationTraceId: string | null;
  @CreatedAtColumn() createdAt: Date;
}
