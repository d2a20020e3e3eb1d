import { Column, Entity, Index, VersionColumn } from 'typeorm';
import type { DisclosureContent, DisclosureFacts, DisclosureState, DisclosureTotals, DisclosureType } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, InstantColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * 公示: one version of one disclosure. Published versions are never changed: a correction is a new row in the
 * same lineage that supersedes the old. Each published version is hashed and chained to the community's previous.
 */
@Entity('disclosure')
@Index(['communityId', 'type', 'period'])
@Index(['communityId', 'state', 'id'])
@Index(['communityId', 'chainSeq'], { unique: true })
@Index(['lineageId', 'version'])
export class Disclosure {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @Column({ type: 'varchar', length: 24 }) type: DisclosureType;
  @Column({ type: 'varchar', length: 8 }) period: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 12 }) state: DisclosureState;

  /** The first version's id: all corrections share it. */
  @RefColumn({ nullable: true }) lineageId: number | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @RefColumn({ nullable: true }) supersedesId: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) correctionReason: string | null;
  @JsonColumn() content: DisclosureContent;
  @JsonColumn() totals: DisclosureTotals;

  /** What it shows that is derived from other records, fixed at sign-off and inside the hash (null before). */
  @JsonColumn({ nullable: true }) facts: DisclosureFacts | null;

  /** Review rounds: each submission starts a new one; approvals do not carry over a revision. */
  @Column({ type: 'integer', default: 0 }) reviewRound: number;
  @RefColumn() createdById: number;
  @InstantColumn({ nullable: true }) submittedAt: Date | null;
  @InstantColumn({ nullable: true }) publishedAt: Date | null;
  @RefColumn({ nullable: true }) signedOffById: number | null;

  /** Position in the community's chain of published versions (1, 2, 3…). */
  @Column({ type: 'integer', nullable: true }) chainSeq: number | null;

  /** SHA-256 (hex) over the canonical JSON of the published version, its lines and the previous hash. */
  @Column({ type: 'varchar', length: 64, nullable: true }) hash: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) prevHash: string | null;
  @VersionColumn({ type: 'integer', default: 1 }) rowVersion: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
