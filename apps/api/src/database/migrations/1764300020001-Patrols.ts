import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, date, id, index, instant, ref, text, timestamps, varchar } from '../migration-helpers';

/** 隐患排查: check points with their printed codes, patrol plans, and checks (an abnormal one cites its hazard ticket). */
export class Patrols1764300020001 implements MigrationInterface {
  name = 'Patrols1764300020001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'patrol_point',
        columns: [id(), ref('community_id'), varchar('name', 50), varchar('place', 100), varchar('kind', 16), varchar('code', 16), bool(q, 'active', true), ref('created_by_id'), ...timestamps(q, false)],
        indices: [index(q, 'patrol_point', ['community_id', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'patrol_plan',
        columns: [
          id(),
          ref('community_id'),
          varchar('name', 50),
          text('point_ids'),
          varchar('frequency', 16),
          varchar('window_start', 5),
          varchar('window_end', 5),
          ref('assignee_id'),
          date('starts_on'),
          ref('created_by_id'),
          ...timestamps(q),
        ],
        indices: [index(q, 'patrol_plan', ['community_id', 'id']), index(q, 'patrol_plan', ['assignee_id', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'patrol_check',
        columns: [
          id(),
          ref('community_id'),
          ref('point_id'),
          ref('plan_id', true),
          varchar('result', 16),
          text('note', true),
          text('photo_ids'),
          instant('checked_at'),
          ref('checked_by_id'),
          ref('ticket_id', true),
          varchar('idempotency_key', 64, true),
          ...timestamps(q, false),
        ],
        indices: [
          index(q, 'patrol_check', ['community_id', 'checked_at']),
          index(q, 'patrol_check', ['point_id', 'checked_at']),
          index(q, 'patrol_check', ['checked_by_id', 'idempotency_key'], true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['patrol_check', 'patrol_plan', 'patrol_point']) await q.dropTable(table);
  }
}
