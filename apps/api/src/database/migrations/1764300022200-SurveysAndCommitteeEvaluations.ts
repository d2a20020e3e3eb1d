import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, date, id, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** 满意度测评 (campaigns, one answer per house, its scores) and 业委会履职考评 (versioned per estate and year). */
export class SurveysAndCommitteeEvaluations1764300022200 implements MigrationInterface {
  name = 'SurveysAndCommitteeEvaluations1764300022200';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'survey', {
      columns: [id(), ref('area_id'), varchar('area_path', 255), varchar('title', 100), integer('year'), date('opens_on'), date('closes_on'), integer('min_answers'), text('items'), ref('created_by_id'), ...timestamps(q, false)],
      indices: [['area_id', 'year']],
    });
    await createTable(q, 'survey_answer', {
      columns: [id(), ref('survey_id'), ref('community_id'), ref('house_id'), ref('user_id'), varchar('comment', 500, true), ...timestamps(q, false)],
      indices: [unique(['survey_id', 'house_id']), ['survey_id', 'community_id']],
    });
    await createTable(q, 'survey_score', {
      columns: [id(), ref('answer_id'), ref('survey_id'), ref('community_id'), varchar('code', 8), integer('score')],
      indices: [['survey_id', 'community_id', 'code'], ['answer_id']],
    });
    await createTable(q, 'committee_evaluation', {
      columns: [
        id(),
        ref('community_id'),
        integer('year'),
        integer('version', false, 1),
        varchar('change_reason', 500, true),
        integer('score'),
        varchar('grade', 12),
        varchar('comment', 500),
        text('indicators'),
        ref('evaluated_by_id'),
        ref('area_id'),
        ...timestamps(q, false),
      ],
      indices: [unique(['community_id', 'year', 'version'])],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('committee_evaluation');
    await q.dropTable('survey_score');
    await q.dropTable('survey_answer');
    await q.dropTable('survey');
  }
}
