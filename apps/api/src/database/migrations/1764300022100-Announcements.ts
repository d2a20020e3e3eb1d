import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, createTable, date, id, instant, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** 公告: what an estate's manager, committee or office posts to its residents, who read it, and the notices about it. */
export class Announcements1764300022100 implements MigrationInterface {
  name = 'Announcements1764300022100';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'announcement', {
      columns: [
        id(),
        ref('community_id'),
        varchar('title', 64),
        text('body'),
        text('attachment_ids'),
        bool(q, 'pinned', false),
        date('expires_on', true),
        varchar('posted_by', 16),
        ref('posted_by_id'),
        instant('withdrawn_at', true),
        ref('withdrawn_by_id', true),
        ...timestamps(q, false),
      ],
      indices: [['community_id', 'id']],
    });
    await createTable(q, 'announcement_read', {
      columns: [id(), ref('announcement_id'), ref('user_id'), instant('read_at')],
      indices: [unique(['announcement_id', 'user_id'])],
    });
    await q.addColumn('notification', new TableColumn(ref('announcement_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notification', 'announcement_id');
    await q.dropTable('announcement_read');
    await q.dropTable('announcement');
  }
}
