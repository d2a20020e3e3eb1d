import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, id, instant, ref, timestamps, unique, varchar } from '../migration-helpers';

/** Invitation codes through which staff, managers, committee members and officials receive their roles. */
export class Invitations1764300000002 implements MigrationInterface {
  name = 'Invitations1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'invitation', {
      columns: [
        id(),
        varchar('code', 16),
        varchar('role', 24),
        ref('community_id', true),
        ref('company_id', true),
        ref('area_id', true),
        varchar('title', 32, true),
        ref('created_by_id'),
        instant('expires_at'),
        ref('accepted_by_id', true),
        instant('accepted_at', true),
        ...timestamps(q, false),
      ],
      indices: [unique(['code']), ['company_id'], ['created_by_id']],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('invitation');
  }
}
