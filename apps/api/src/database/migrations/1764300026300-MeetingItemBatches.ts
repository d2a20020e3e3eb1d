import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { index, integer, varchar } from '../migration-helpers';

/**
 * Items added to a meeting after it was recorded (追加议定事项) carry the Idempotency-Key of the form that sent them
 * and their place in it: a form sent again after a lost answer adds them once (the unique index settles two sent at
 * once). Items recorded with their meeting have neither (the meeting's own key covers them).
 */
export class MeetingItemBatches1764300026300 implements MigrationInterface {
  name = 'MeetingItemBatches1764300026300';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('meeting_item', [new TableColumn(varchar('batch_key', 64, true)), new TableColumn(integer('batch_index', true))]);
    await q.createIndex('meeting_item', index(q, 'meeting_item', ['meeting_id', 'batch_key', 'batch_index'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('meeting_item', index(q, 'meeting_item', ['meeting_id', 'batch_key', 'batch_index'], true).name as string);
    await q.dropColumns('meeting_item', ['batch_key', 'batch_index']);
  }
}
