import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, date, id, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** 四方联席会: meetings, their agreed items with an append-only timeline, and the 督办 referred to them. */
export class Meetings1764300021000 implements MigrationInterface {
  name = 'Meetings1764300021000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'meeting', {
      columns: [
        id(),
        ref('community_id'),
        varchar('area_path', 255),
        ref('office_area_id'),
        varchar('kind', 16),
        date('held_on'),
        text('attendees'),
        text('minutes'),
        text('sign_in_photo_ids'),
        text('agenda'),
        ref('created_by_id'),
        varchar('idempotency_key', 64, true),
        ...timestamps(q, false),
      ],
      indices: [['community_id', 'held_on'], ['area_path', 'held_on'], unique(['created_by_id', 'idempotency_key'])],
    });
    await createTable(q, 'meeting_item', {
      columns: [
        id(),
        ref('meeting_id'),
        ref('community_id'),
        varchar('text', 500),
        varchar('owner_party', 16),
        varchar('owner_name', 20),
        instant('deadline_at'),
        varchar('state', 16),
        instant('overdue_at', true),
        instant('verified_at', true),
        ref('ticket_id', true),
        integer('version', false, 1),
        ...timestamps(q),
      ],
      indices: [['meeting_id', 'id'], ['community_id', 'state', 'id'], ['state', 'deadline_at'], ['ticket_id']],
    });
    await createTable(q, 'meeting_item_event', {
      columns: [id(), ref('item_id'), ref('actor_id', true), varchar('action', 16), varchar('from_state', 16, true), varchar('to_state', 16, true), text('note', true), ...timestamps(q, false)],
      indices: [['item_id', 'id']],
    });
    await createTable(q, 'referral', {
      columns: [id(), ref('escalation_id'), ref('ticket_id'), ref('community_id'), varchar('tier', 16), varchar('note', 500, true), ref('meeting_id', true), ref('created_by_id'), ...timestamps(q, false)],
      indices: [['community_id', 'tier', 'meeting_id'], unique(['escalation_id', 'tier'])],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['referral', 'meeting_item_event', 'meeting_item', 'meeting']) await q.dropTable(table);
  }
}
