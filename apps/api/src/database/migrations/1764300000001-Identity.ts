import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { id, index, instant, integer, ref, text, timestamps, varchar } from '../migration-helpers';

/** Users, role assignments, house bindings, refresh-token sessions, the audit log. */
export class Identity1764300000001 implements MigrationInterface {
  name = 'Identity1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'app_user',
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
        indices: [
          index(q, 'app_user', ['openid'], true),
          index(q, 'app_user', ['phone_hash']),
          index(q, 'app_user', ['dev_key'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'role_assignment',
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
        indices: [
          index(q, 'role_assignment', ['user_id']),
          index(q, 'role_assignment', ['community_id']),
          index(q, 'role_assignment', ['company_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'house_binding',
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
        indices: [
          index(q, 'house_binding', ['user_id']),
          index(q, 'house_binding', ['house_id']),
          index(q, 'house_binding', ['community_id', 'state']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_session',
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
        indices: [
          index(q, 'auth_session', ['user_id']),
          index(q, 'auth_session', ['family_id']),
          index(q, 'auth_session', ['token_hash'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entry',
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
        indices: [
          index(q, 'audit_entry', ['company_id', 'id']),
          index(q, 'audit_entry', ['entity_type', 'entity_id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_entry', 'auth_session', 'house_binding', 'role_assignment', 'app_user']) {
      await q.dropTable(table);
    }
  }
}
