import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createTable, date, id, instant, ref, text, timestamps, varchar } from '../migration-helpers';

/**
 * A patrol plan's earlier versions, each kept when an edit (or a point's retirement) replaced it, so that the rounds
 * of periods already ended are counted against the plan as it was then; and when a point was retired, so that a check
 * made offline before it still arrives. Plans edited before this have no history: their past months stay as counted
 * against today's plan.
 */
export class PatrolPlanVersions1764300026100 implements MigrationInterface {
  name = 'PatrolPlanVersions1764300026100';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'patrol_plan_version', {
      columns: [
        id(),
        ref('plan_id'),
        ref('community_id'),
        text('point_ids'),
        varchar('frequency', 16),
        varchar('window_start', 5),
        varchar('window_end', 5),
        ref('assignee_id'),
        date('replaced_on'),
        ref('replaced_by_id'),
        ...timestamps(q, false),
      ],
      indices: [['community_id', 'plan_id']],
    });
    await q.addColumn('patrol_point', new TableColumn(instant('retired_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('patrol_point', 'retired_at');
    await q.dropTable('patrol_plan_version');
  }
}
