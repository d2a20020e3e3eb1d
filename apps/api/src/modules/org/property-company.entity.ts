import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../../database/columns';

@Entity('property_company')
export class PropertyCompany {
  @IdColumn() id: number;
  @Column({ type: 'varchar', length: 128 }) name: string;

  /** 统一社会信用代码, check digit verified on every write. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18 }) creditCode: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) contactPhone: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) address: string | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
