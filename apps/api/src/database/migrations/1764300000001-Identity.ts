import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, id, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** Users, role assignments, house bindings, refresh-token sessions, the audit log. */
export class Identity1764300000001 implements MigrationInterface {
  name = 'Identity1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'app_user', {
      columns: [
        id(),
        varchar('display_name', 64),
        varchar('openid', 64, true),
        varchar('unionid', 64, true),
        varchar('phone_cipher', 255, true),
        varchar('phone_masked', 16, true),
        varchar('phone_hash', 64, true),
        varchar('dev_key', 64, true),
        instant('disabled_at', true),
        ...timestamps(q),
      ],
      indices: [unique(['openid']), ['phone_hash'], unique(['dev_key'])],
    });
    await createTable(q, 'role_assignment', {
      columns: [
        id(),
        ref('user_id'),
        varchar('role', 24),
        ref('community_id', true),
        ref('company_id', true),
        ref('area_id', true),
        varchar('title', 32, true),
        ref('granted_by_id', true),
        ...timestamps(q, false),
        instant('revoked_at', true),
      ],
      indices: [['user_id'], ['community_id'], ['company_id']],
    });
    await createTable(q, 'house_binding', {
      columns: [
        id(),
        ref('user_id'),
        ref('house_id'),
        ref('community_id'),
        varchar('relation', 8),
        varchar('state', 12),
        varchar('applicant_note', 255, true),
        ref('decided_by_id', true),
        instant('decided_at', true),
        varchar('reason', 255, true),
        integer('version', false, 1),
        ...timestamps(q),
      ],
      indices: [['user_id'], ['house_id'], ['community_id', 'state']],
    });
    await createTable(q, 'auth_session', {
      columns: [
        id(),
        ref('user_id'),
        varchar('family_id', 36),
        varchar('token_hash', 64),
        instant('expires_at'),
        instant('used_at', true),
        instant('revoked_at', true),
        ...timestamps(q, false),
      ],
      indices: [['user_id'], ['family_id'], unique(['token_hash'])],
    });
    await createTable(q, 'audit_entry', {
      columns: [
        id(),
        ref('actor_id', true),
        varchar('action', 64),
        varchar('entity_type', 32),
        ref('entity_id', true),
        ref('community_id', true),
        ref('company_id', true),
        text('before', true),
        text('after', true),
        varchar('request_id', 64, true),
        ...timestamps(q, false),
      ],
      indices: [['company_id', 'id'], ['entity_type', 'entity_id']],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_entry', 'auth_session', 'house_binding', 'role_assignment', 'app_user']) {
      await q.dropTable(table);
    }
  }
}
