import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { PropertyType } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';
import { Building } from './building.entity';

/** A room (户). Floor area in hundredths of a m², exact, because cost sharing divides by it. */
@Entity('house')
@Index(['buildingId', 'unit', 'number'], { unique: true })
export class House {
  @IdColumn() id: number;

  @Index()
  @RefColumn() communityId: number;
  @RefColumn() buildingId: number;

  @ManyToOne(() => Building)
  @JoinColumn({ name: 'building_id' }) building?: Building;

  /** '' when the building has no units (NOT NULL so the unique index holds on MySQL). */
  @Column({ type: 'varchar', length: 16, default: '' }) unit: string;
  @Column({ type: 'integer' }) floor: number;
  @Column({ type: 'varchar', length: 16 }) number: string;
  @Column({ type: 'integer' }) floorAreaCenti: number;
  @Column({ type: 'varchar', length: 16, default: 'residence' }) propertyType: PropertyType;
  @CreatedAtColumn() createdAt: Date;
}
