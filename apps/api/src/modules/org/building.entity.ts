import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

@Entity('building')
@Index(['communityId', 'name'], { unique: true })
export class Building {
  @IdColumn() id: number;
  @RefColumn() communityId: number;

  /** As residents say it: "3栋", "A座". */
  @Column({ type: 'varchar', length: 32 }) name: string;
  @CreatedAtColumn() createdAt: Date;
}
