import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { ref } from '../migration-helpers';

/** A notification about a disclosure names it, so tapping it opens the page where the reader acts (issue 23). */
export class NotificationTargets1764300023000 implements MigrationInterface {
  name = 'NotificationTargets1764300023000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notification', new TableColumn(ref('disclosure_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notification', 'disclosure_id');
  }
}
