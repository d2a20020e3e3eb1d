import { Column, Entity, Index } from 'typeorm';
import type { SurveyItem } from '@wuye/contracts';
import { CreatedAtColumn, DateColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';

/** 满意度测评: a regulator's yearly campaign for an area (its estates and those below it). */
@Entity('survey')
@Index(['areaId', 'year'])
export class Survey {
  @IdColumn() id: number;
  @RefColumn() areaId: number;
  /** The area's path: an estate is covered when its own path starts with it. */
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'integer' }) year: number;
  @DateColumn() opensOn: string;
  @DateColumn() closesOn: string;
  @Column({ type: 'integer' }) minAnswers: number;
  @JsonColumn() items: SurveyItem[];
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
}

/** One house's answer to a campaign (the unique index keeps it to one). Seen only by the resident who gave it. */
@Entity('survey_answer')
@Index(['surveyId', 'houseId'], { unique: true })
@Index(['surveyId', 'communityId'])
export class SurveyAnswer {
  @IdColumn() id: number;
  @RefColumn() surveyId: number;
  @RefColumn() communityId: number;
  @RefColumn() houseId: number;
  @RefColumn() userId: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) comment: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/** One item's score in an answer, kept as a row so results are sums per estate and item in SQL. */
@Entity('survey_score')
@Index(['surveyId', 'communityId', 'code'])
@Index(['answerId'])
export class SurveyScore {
  @IdColumn() id: number;
  @RefColumn() answerId: number;
  @RefColumn() surveyId: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 8 }) code: string;
  @Column({ type: 'integer' }) score: number;
}
