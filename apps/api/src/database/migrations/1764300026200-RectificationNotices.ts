import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { ref } from '../migration-helpers';

/** A notification may name the rectification order it is about: it then opens that order, not the list. */
export class RectificationNotices1764300026200 implements MigrationInterface {
  name = 'RectificationNotices1764300026200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notification', new TableColumn(ref('rectification_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notification', 'rectification_id');
  }
}
