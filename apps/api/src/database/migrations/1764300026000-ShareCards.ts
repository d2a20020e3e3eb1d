import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, id, instant, ref, timestamps, unique, varchar } from '../migration-helpers';

/** 业主监督群: WeChat session keys per sign-in (sealed) and the group openings of shared records. */
export class ShareCards1764300026000 implements MigrationInterface {
  name = 'ShareCards1764300026000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'wechat_session_key', {
      columns: [id(), varchar('family_id', 36), ref('user_id'), varchar('key_cipher', 255), instant('expires_at'), ...timestamps(q, false)],
      indices: [unique(['family_id']), ['user_id']],
    });
    await createTable(q, 'share_open', {
      columns: [id(), varchar('record_kind', 16), ref('record_id'), ref('community_id'), varchar('open_gid', 64), instant('opened_at')],
      indices: [['record_kind', 'record_id'], ['community_id', 'opened_at']],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('share_open');
    await q.dropTable('wechat_session_key');
  }
}
