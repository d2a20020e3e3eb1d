import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, id, index, integer, ref, timestamps, varchar } from '../migration-helpers';

/** County floors for ticket deadlines: per county and category, the loosest deadlines an estate may keep. */
export class DeadlineFloors1764300018001 implements MigrationInterface {
  name = 'DeadlineFloors1764300018001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deadline_floor',
        columns: [
          id(),
          ref('area_id'),
          varchar('code', 32),
          varchar('name', 32),
          integer('response_minutes'),
          integer('resolution_minutes'),
          bool(q, 'emergency', false),
          ref('updated_by_id', true),
          ...timestamps(q),
        ],
        indices: [index(q, 'deadline_floor', ['area_id', 'code'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deadline_floor');
  }
}
