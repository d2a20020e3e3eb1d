import { MigrationInterface, QueryRunner } from 'typeorm';
import { bool, createTable, id, integer, ref, timestamps, unique, varchar } from '../migration-helpers';

/** County floors for ticket deadlines: per county and category, the loosest deadlines an estate may keep. */
export class DeadlineFloors1764300018001 implements MigrationInterface {
  name = 'DeadlineFloors1764300018001';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'deadline_floor', {
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
      indices: [unique(['area_id', 'code'])],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deadline_floor');
  }
}
