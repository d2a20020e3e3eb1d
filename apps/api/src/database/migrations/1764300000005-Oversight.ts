import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { rebuildRollups } from '../../modules/tickets/rollups.service';
import { createTable, date, id, index, integer, isMysql, ref, text, timestamps, varchar } from '../migration-helpers';
import { shanghaiDate } from '@wuye/contracts';

const COUNTERS = ['total', 'submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled', 'responded', 'responded_on_time', 'resolved_count', 'resolved_on_time', 'rated', 'satisfied', 'stars_sum', 'reopened', 'ever_resolved'];

/** Ticket rollups for statistics at scale, star ratings, credit events. Rollups are filled from existing tickets. */
export class Oversight1764300000005 implements MigrationInterface {
  name = 'Oversight1764300000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ticket_rollup',
        columns: [id(), ref('community_id'), varchar('area_path', 255), ref('company_id', true), date('day'), varchar('category_code', 32), ...COUNTERS.map((c) => integer(c, false, 0))],
        indices: [
          index(q, 'ticket_rollup', ['community_id', 'day', 'category_code'], true),
          index(q, 'ticket_rollup', ['area_path', 'day']),
          index(q, 'ticket_rollup', ['company_id', 'day']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'star_rating',
        columns: [id(), ref('community_id'), integer('year'), integer('stars', true), varchar('reason', 500), text('indicators'), ref('rated_by_id'), ref('area_id'), ...timestamps(q, false)],
        indices: [index(q, 'star_rating', ['community_id', 'year', 'id'])],
      }),
    );
    await createTable(q, 'credit_event', {
      columns: [
        id(),
        ref('company_id'),
        ref('manager_user_id', true),
        ref('community_id', true),
        varchar('kind', 24),
        integer('points', false, 0),
        date('occurred_on'),
        varchar('reason', 500),
        ref('issuing_area_id'),
        ref('created_by_id'),
        ...timestamps(q, false),
      ],
      indices: [['company_id', 'occurred_on']],
    });
    // Tickets filed before this migration are counted too (per source only from migration 7 on).
    await rebuildRollups(q, isMysql(q), shanghaiDate(), { months: false, sources: false, visits: false });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['credit_event', 'star_rating', 'ticket_rollup']) await q.dropTable(table);
  }
}
