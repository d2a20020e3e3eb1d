import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, InstantColumn, UpdatedAtColumn } from '../../database/columns';

@Entity('app_user')
export class User {
  @IdColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) displayName: string;

  /** WeChat openid of this mini-program; null for accounts that never signed in through WeChat. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true }) openid: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) unionid: string | null;

  /** AES-256-GCM ciphertext of the phone number (key from settings); never sent to clients. */
  @Column({ type: 'varchar', length: 255, nullable: true }) phoneCipher: string | null;

  /** "138****1234", safe to show. */
  @Column({ type: 'varchar', length: 16, nullable: true }) phoneMasked: string | null;

  /** Keyed hash of the phone number, to find a user by phone without decrypting every row. */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true }) phoneHash: string | null;

  /** Key of a seeded demo account ("resident.jinxiu"); development sign-in uses it. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true }) devKey: string | null;
  @InstantColumn({ nullable: true }) disabledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
