import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** Who changed which role, binding or organisation record, when, from what to what. Append-only. */
@Entity('audit_entry')
@Index(['companyId', 'id'])
@Index(['entityType', 'entityId'])
export class AuditEntry {
  @IdColumn() id: number;
  @RefColumn({ nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ type: 'varchar', length: 32 }) entityType: string;
  @RefColumn({ nullable: true }) entityId: number | null;
  @RefColumn({ nullable: true }) communityId: number | null;
  @RefColumn({ nullable: true }) companyId: number | null;
  @JsonColumn({ nullable: true }) before: object | null;
  @JsonColumn({ nullable: true }) after: object | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId: string | null;
  @CreatedAtColumn() createdAt: Date;
}
