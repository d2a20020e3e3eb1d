import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** 星级评定: a regulator's rating of an estate for a year. Every rating is kept; the latest one counts. */
@Entity('star_rating')
@Index(['communityId', 'year', 'id'])
export class StarRating {
  @IdColumn() id: number;

  @RefColumn()
  communityId: number;

  @Column({ type: 'integer' })
  year: number;

  /** 1–5, or null: 不定星. */
  @Column({ type: 'integer', nullable: true })
  stars: number | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** The system's indicators shown beside the form when the rating was given. */
  @JsonColumn()
  indicators: Record<string, number | null>;

  @RefColumn()
  ratedById: number;

  /** The regulator's area (the issuing office). */
  @RefColumn()
  areaId: number;

  @CreatedAtColumn() createdAt: Date;
}
