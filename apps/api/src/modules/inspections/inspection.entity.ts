import { Column, Entity, Index } from 'typeorm';
import type { InspectionKind, ItemResult, TemplateItem } from '@wuye/contracts';
import { CreatedAtColumn, DateColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** One checked item as recorded: the template's item at the time, the verdict, the inspector's note and photos. */
export interface RecordedItem extends TemplateItem {
  result: ItemResult;
  note: string | null;
  photoIds: number[];
}

/** 检查记录: an estate inspected against a template on a day; failed items became rectification orders. */
@Entity('inspection')
@Index(['communityId', 'inspectedOn'])
@Index(['areaPath', 'inspectedOn'])
@Index(['createdById', 'idempotencyKey'], { unique: true })
export class Inspection {
  @IdColumn() id: number;
  @RefColumn() communityId: number;

  /** The community's area path, copied so area statistics need no join. */
  @Column({ type: 'varchar', length: 255 }) areaPath: string;

  /** The company serving the estate that day (null: none). */
  @RefColumn({ nullable: true }) companyId: number | null;
  @RefColumn() templateId: number;
  @Column({ type: 'varchar', length: 100 }) templateName: string;
  @Column({ type: 'varchar', length: 16 }) kind: InspectionKind;
  @DateColumn() inspectedOn: string;
  @JsonColumn() inspectors: string[];
  @JsonColumn() tracedTicketIds: number[];
  @JsonColumn() items: RecordedItem[];

  /** Tenths of a point (0–1000), so averages stay exact; null when every item was n/a. */
  @Column({ type: 'integer', nullable: true }) scoreTenths: number | null;
  @RefColumn() issuingAreaId: number;
  @RefColumn() createdById: number;

  /** The offline draft's key: sent twice, recorded once. */
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @CreatedAtColumn() createdAt: Date;
}
