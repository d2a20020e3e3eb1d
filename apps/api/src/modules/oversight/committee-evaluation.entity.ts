import { Column, Entity, Index } from 'typeorm';
import type { CommitteeGrade, CommitteeIndicators } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/**
 * 业委会履职考评: the community office's evaluation of an estate's owners' committee for a year. Versioned like the
 * star rating: a change is the next version with its reason; the unique index refuses two changes to one version.
 */
@Entity('committee_evaluation')
@Index(['communityId', 'year', 'version'], { unique: true })
export class CommitteeEvaluation {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) changeReason: string | null;
  /** 0–100. */
  @Column({ type: 'integer' }) score: number;
  /** From the score (committeeGrade), stored so statistics count grades without recomputing. */
  @Column({ type: 'varchar', length: 12 }) grade: CommitteeGrade;
  @Column({ type: 'varchar', length: 500 }) comment: string;
  /** The system's indicators when this version was recorded. */
  @JsonColumn() indicators: CommitteeIndicators;
  @RefColumn() evaluatedById: number;
  /** The office that evaluated. */
  @RefColumn() areaId: number;
  @CreatedAtColumn() createdAt: Date;
}
