import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { shanghaiDate } from '@wuye/contracts';
import { rebuildRollups } from '../../modules/tickets/rollups.service';
import { index, integer, isMysql, ref, varchar } from '../migration-helpers';

const ROLLUPS = ['ticket_rollup', 'ticket_rollup_month'];
const VISIT_COUNTERS = ['visit_due', 'visit_satisfied', 'visit_dissatisfied', 'visit_unreachable'];

/**
 * Every channel, one loop (issue 19): `source` is the channel a ticket came by (12345 instead of "hotline", 信访,
 * 来访, 电话, 物业投诉直通车, inspection); 代报 tickets keep who filed them and the caller (phone encrypted); return
 * visits (回访) and their outcomes, counted in the rollups (zero until the first one: no ticket has one yet).
 */
export class TicketChannels1764300019200 implements MigrationInterface {
  name = 'TicketChannels1764300019200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('ticket', [
      new TableColumn(ref('filed_by_id', true)),
      new TableColumn(varchar('caller_name', 32, true)),
      new TableColumn(varchar('caller_phone_cipher', 128, true)),
      new TableColumn(varchar('caller_phone_masked', 20, true)),
      new TableColumn(varchar('return_visit', 16, true)),
      new TableColumn(integer('return_visit_tries', false, 0)),
      new TableColumn(varchar('return_visit_tried_on', 10, true)),
    ]);
    await q.createIndex('ticket', index(q, 'ticket', ['return_visit', 'community_id', 'id']));
    await q.createIndex('ticket', index(q, 'ticket', ['state', 'rating_stars', 'return_visit', 'closed_at']));
    for (const table of ['ticket', ...ROLLUPS]) await q.query(`UPDATE ${table} SET source = '12345' WHERE source = 'hotline'`);
    for (const table of ROLLUPS) await q.addColumns(table, VISIT_COUNTERS.map((c) => new TableColumn(integer(c, false, 0))));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ROLLUPS) for (const c of VISIT_COUNTERS) await q.dropColumn(table, c);
    // The channels that did not exist before count as the hotline they came closest to; the rollups merge them.
    await q.query("UPDATE ticket SET source = 'hotline' WHERE source NOT IN ('app', 'internal')");
    await rebuildRollups(q, isMysql(q), shanghaiDate(), { visits: false });
    await q.dropIndex('ticket', index(q, 'ticket', ['state', 'rating_stars', 'return_visit', 'closed_at']).name as string);
    await q.dropIndex('ticket', index(q, 'ticket', ['return_visit', 'community_id', 'id']).name as string);
    for (const c of ['return_visit_tried_on', 'return_visit_tries', 'return_visit', 'caller_phone_masked', 'caller_phone_cipher', 'caller_name', 'filed_by_id']) await q.dropColumn('ticket', c);
  }
}
