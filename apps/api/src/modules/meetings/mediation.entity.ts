import { Column, Entity, Index } from 'typeorm';
import type { MediationOutcome, MediationParty, Mediator } from '@wuye/contracts';
import { CreatedAtColumn, DateColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** 人民调解: a dispute of an estate taken to mediation, its mediators by role, the parties and the outcome. */
@Entity('mediation')
@Index(['communityId', 'id'])
@Index(['areaPath', 'createdAt'])
@Index(['ticketId'])
export class Mediation {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @RefColumn({ nullable: true }) ticketId: number | null;
  @Column({ type: 'varchar', length: 500 }) subject: string;
  @JsonColumn() parties: MediationParty[];
  @JsonColumn() mediators: Mediator[];
  /** Null while it is being mediated. */
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: MediationOutcome | null;
  @DateColumn({ nullable: true }) mediatedOn: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  /** The signed agreement (调解协议书), a PDF upload. */
  @RefColumn({ nullable: true }) agreementUploadId: number | null;
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
}
