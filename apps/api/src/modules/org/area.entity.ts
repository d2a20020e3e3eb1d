import { Column, Entity, Index } from 'typeorm';
import type { AreaLevel } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

/** County → town (乡镇) → community office (社区/村). */
@Entity('area')
export class Area {
  @IdColumn() id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 24 }) level: AreaLevel;
  @RefColumn({ nullable: true }) parentId: number | null;

  /** Materialised path of ids, "/1/4/9/": a subtree is one indexed LIKE 'prefix%' query. */
  @Index()
  @Column({ type: 'varchar', length: 255 }) path: string;
  @CreatedAtColumn() createdAt: Date;
}
