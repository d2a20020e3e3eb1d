import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { integer, text } from '../migration-helpers';

/**
 * 业账社审 that nobody inside the estate can bend: what a published disclosure derives from other records is fixed
 * at sign-off (disclosure.facts, inside the hash), and each line knows the review round in which it last changed, so
 * an approval or a query is about the line as it was then.
 */
export class FrozenFacts1764300000008 implements MigrationInterface {
  name = 'FrozenFacts1764300000008';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('disclosure', new TableColumn(text('facts', true)));
    await q.addColumn('disclosure_line', new TableColumn(integer('changed_round', false, 0)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('disclosure_line', 'changed_round');
    await q.dropColumn('disclosure', 'facts');
  }
}
