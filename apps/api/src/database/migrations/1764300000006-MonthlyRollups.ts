import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { rebuildMonthlyRollups } from '../../modules/tickets/rollups.service';
import { date, id, index, integer, ref, varchar } from '../migration-helpers';

const COUNTERS = ['total', 'submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled', 'responded', 'responded_on_time', 'resolved_count', 'resolved_on_time', 'rated', 'satisfied', 'stars_sum', 'reopened', 'ever_resolved'];

/**
 * Statistics at province scale: monthly rollups (filled from the daily ones), and the overdue-now count answered
 * from an index that holds the area and the estate (it read a row per open ticket, a second at 5 million tickets).
 */
export class MonthlyRollups1764300000006 implements MigrationInterface {
  name = 'MonthlyRollups1764300000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ticket_rollup_month',
        columns: [id(), ref('community_id'), varchar('area_path', 255), ref('company_id', true), date('month'), varchar('category_code', 32), ...COUNTERS.map((c) => integer(c, false, 0))],
        indices: [
          index(q, 'ticket_rollup_month', ['community_id', 'month', 'category_code'], true),
          index(q, 'ticket_rollup_month', ['area_path', 'month']),
          index(q, 'ticket_rollup_month', ['company_id', 'month']),
        ],
      }),
    );
    // Rollups had no source yet (migration 7 adds it): the rebuild as it was then.
    await rebuildMonthlyRollups(q, q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb', { sources: false, visits: false });
    for (const due of ['response_due_at', 'resolution_due_at']) {
      await q.createIndex('ticket', index(q, 'ticket', ['state', due, 'area_path', 'community_id']));
      await q.dropIndex('ticket', index(q, 'ticket', ['state', due]).name as string);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const due of ['response_due_at', 'resolution_due_at']) {
      await q.createIndex('ticket', index(q, 'ticket', ['state', due]));
      await q.dropIndex('ticket', index(q, 'ticket', ['state', due, 'area_path', 'community_id']).name as string);
    }
    await q.dropTable('ticket_rollup_month');
  }
}
