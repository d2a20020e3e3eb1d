import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/**
 * 星级评定: a regulator's rating of an estate for a year. A year has one rating; a change is its next version (with
 * the reason for the change), every version is kept, and the latest one counts. Two changes at once cannot both
 * become the same version (unique index): one of them is refused.
 */
@Entity('star_rating')
@Index(['communityId', 'year', 'version'], { unique: true })
export class StarRating {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'integer' }) year: number;

  /** 1, 2, … within the estate and year. */
  @Column({ type: 'integer', default: 1 }) version: number;

  /** Why the previous version was changed; null for a year's first rating. */
  @Column({ type: 'varchar', length: 500, nullable: true }) changeReason: string | null;

  /** 1–5, or null: 不定星. */
  @Column({ type: 'integer', nullable: true }) stars: number | null;
  @Column({ type: 'varchar', length: 500 }) reason: string;

  /** The system's indicators shown beside the form when the rating was given. */
  @JsonColumn() indicators: Record<string, number | null>;
  @RefColumn() ratedById: number;

  /** The regulator's area (the issuing office). */
  @RefColumn() areaId: number;
  @CreatedAtColumn() createdAt: Date;
}
