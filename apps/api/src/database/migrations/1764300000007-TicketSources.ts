import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { shanghaiDate } from '@wuye/contracts';
import { rebuildRollups } from '../../modules/tickets/rollups.service';
import { index, isMysql, varchar } from '../migration-helpers';

const ROLLUPS: [string, string][] = [
  ['ticket_rollup', 'day'],
  ['ticket_rollup_month', 'month'],
];

/**
 * Where a ticket came from, as a dimension of the statistics: 内部报事 (filed by the estate's own property side) is
 * counted apart from residents' tickets. Tickets the property side filed before are marked, and the rollups are
 * rebuilt per source.
 */
export class TicketSources1764300000007 implements MigrationInterface {
  name = 'TicketSources1764300000007';

  async up(q: QueryRunner): Promise<void> {
    await q.changeColumn('ticket', 'source', new TableColumn(varchar('source', 16, false, 'app')));
    await q.query(
      `UPDATE ticket SET source = 'internal' WHERE source = 'app' AND reporter_id IN (
         SELECT ra.user_id FROM role_assignment ra WHERE ra.revoked_at IS NULL AND (
           (ra.role IN ('staff', 'manager') AND ra.community_id = ticket.community_id)
           OR (ra.role = 'company_admin' AND ra.company_id IN (SELECT sc.company_id FROM service_contract sc WHERE sc.community_id = ticket.community_id))))`,
    );
    for (const [table, period] of ROLLUPS) {
      await q.addColumn(table, new TableColumn(varchar('source', 16, false, 'app')));
      await q.dropIndex(table, index(q, table, ['community_id', period, 'category_code'], true).name as string);
      await q.createIndex(table, index(q, table, ['community_id', period, 'category_code', 'source'], true));
    }
    await rebuildRollups(q, isMysql(q), shanghaiDate(), { visits: false });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, period] of ROLLUPS) {
      await q.query(`DELETE FROM ${table}`);
      await q.dropIndex(table, index(q, table, ['community_id', period, 'category_code', 'source'], true).name as string);
      await q.dropColumn(table, 'source');
      await q.createIndex(table, index(q, table, ['community_id', period, 'category_code'], true));
    }
    await rebuildRollups(q, isMysql(q), shanghaiDate(), { sources: false, visits: false });
    await q.query("UPDATE ticket SET source = 'app' WHERE source = 'internal'");
    await q.changeColumn('ticket', 'source', new TableColumn(varchar('source', 8, false, 'app')));
  }
}
