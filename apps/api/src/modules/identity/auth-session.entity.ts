import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, RefColumn } from '../../database/columns';

/**
 * One refresh token. Tokens rotate: each use marks the row used and issues the next one in the same family.
 * Presenting a used token again means it was stolen or replayed: the whole family is revoked.
 */
@Entity('auth_session')
export class AuthSession {
  @IdColumn() id: number;

  @Index()
  @RefColumn() userId: number;

  @Index()
  @Column({ type: 'varchar', length: 36 }) familyId: string;

  /** SHA-256 of the token; the token itself is never stored. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @InstantColumn() expiresAt: Date;
  @InstantColumn({ nullable: true }) usedAt: Date | null;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
