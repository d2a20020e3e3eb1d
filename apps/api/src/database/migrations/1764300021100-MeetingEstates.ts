import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createTable, id, ref, unique, varchar } from '../migration-helpers';

/**
 * A meeting covers several estates (a 协调委员会 of a community office or town): one row per estate it covers, the
 * existing meetings covering their one estate. Agreed items and agenda points draw on owners' questions on disclosures
 * and on rectification orders; the question keeps a note of the meeting that took it up. An item remembers who
 * reported it done, so someone else verifies it.
 */
export class MeetingEstates1764300021100 implements MigrationInterface {
  name = 'MeetingEstates1764300021100';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'meeting_community', {
      columns: [id(), ref('meeting_id'), ref('community_id'), varchar('area_path', 255)],
      indices: [unique(['meeting_id', 'community_id']), ['community_id'], ['area_path']],
    });
    await q.query('INSERT INTO meeting_community (meeting_id, community_id, area_path) SELECT id, community_id, area_path FROM meeting');
    await q.addColumns('meeting_item', [new TableColumn(ref('question_id', true)), new TableColumn(ref('rectification_id', true)), new TableColumn(ref('done_by_id', true))]);
    // Items reported done before: whoever reported them last.
    await q.query(
      "UPDATE meeting_item SET done_by_id = (SELECT e.actor_id FROM meeting_item_event e WHERE e.item_id = meeting_item.id AND e.action = 'done' ORDER BY e.id DESC LIMIT 1) WHERE state IN ('done', 'verified')",
    );
    await q.addColumns('disclosure_question', [new TableColumn(ref('meeting_id', true)), new TableColumn(varchar('meeting_note', 200, true))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('disclosure_question', 'meeting_note');
    await q.dropColumn('disclosure_question', 'meeting_id');
    for (const column of ['done_by_id', 'rectification_id', 'question_id']) await q.dropColumn('meeting_item', column);
    await q.dropTable('meeting_community');
  }
}
