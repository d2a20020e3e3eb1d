import { Column, Entity, Index } from 'typeorm';
import type { TemplateItem } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/** A checklist kept by a regulator for its area (and every estate below it). Inspections copy the items they used. */
@Entity('inspection_template')
@Index(['areaId', 'id'])
export class InspectionTemplate {
  @IdColumn() id: number;
  @RefColumn() areaId: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @JsonColumn() items: TemplateItem[];
  @RefColumn() updatedById: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
