import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, createTable, double, id, index, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** Uploads, ticket categories, tickets and their timeline, followers, escalations, notifications, job leases, Open311 clients. */
export class Tickets1764300000003 implements MigrationInterface {
  name = 'Tickets1764300000003';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'upload', {
      columns: [
        id(),
        ref('owner_id'),
        varchar('storage_key', 128),
        varchar('thumbnail_key', 128),
        integer('bytes'),
        integer('width'),
        integer('height'),
        varchar('sha256', 64),
        instant('attached_at', true),
        varchar('moderation', 8, false, 'none'),
        varchar('moderation_trace_id', 64, true),
        ...timestamps(q, false),
      ],
      indices: [['owner_id'], ['moderation_trace_id']],
    });
    await createTable(q, 'ticket_category', {
      columns: [
        id(),
        ref('community_id'),
        varchar('code', 32),
        varchar('name', 32),
        integer('response_minutes'),
        integer('resolution_minutes'),
        bool(q, 'emergency', false),
        bool(q, 'active', true),
        integer('sort_order', false, 0),
      ],
      indices: [unique(['community_id', 'code'])],
    });
    await createTable(q, 'ticket', {
      columns: [
        id(),
        ref('community_id'),
        varchar('area_path', 255),
        ref('reporter_id', true),
        varchar('source', 8, false, 'app'),
        varchar('kind', 16),
        varchar('category_code', 32),
        varchar('category_name', 32),
        bool(q, 'emergency', false),
        text('description'),
        text('photo_ids'),
        ref('house_id', true),
        varchar('place', 100, true),
        double('lat'),
        double('long'),
        varchar('visibility', 8),
        varchar('reporter_mask', 32),
        varchar('state', 16),
        integer('version', false, 1),
        ref('assignee_id', true),
        varchar('external_assignee', 64, true),
        instant('response_due_at'),
        instant('resolution_due_at'),
        instant('accepted_at', true),
        instant('resolved_at', true),
        instant('closed_at', true),
        instant('response_overdue_at', true),
        instant('resolution_overdue_at', true),
        bool(q, 'responded_on_time', null),
        bool(q, 'resolved_on_time', null),
        instant('escalated_at', true),
        integer('reopen_count', false, 0),
        integer('follower_count', false, 0),
        integer('rating_stars', true),
        text('rating_tags', true),
        varchar('rating_comment', 500, true),
        instant('rated_at', true),
        bool(q, 'held_for_review', false),
        varchar('idempotency_key', 64, true),
        ...timestamps(q),
      ],
      indices: [['area_path'], ['community_id', 'id'], ['community_id', 'state', 'id'], ['reporter_id', 'id'], ['assignee_id', 'state', 'id'], ['state', 'response_due_at'], ['state', 'resolution_due_at'], ['community_id', 'category_code', 'created_at'], unique(['reporter_id', 'idempotency_key'])],
    });
    await createTable(q, 'ticket_event', {
      columns: [
        id(),
        ref('ticket_id'),
        ref('actor_id', true),
        varchar('actor_role', 16),
        varchar('action', 24),
        varchar('from_state', 16, true),
        varchar('to_state', 16, true),
        text('note', true),
        text('photo_ids'),
        ...timestamps(q, false),
      ],
      indices: [['ticket_id', 'id']],
    });
    await q.createTable(
      new Table({
        name: 'ticket_follower',
        columns: [id(), ref('ticket_id'), ref('user_id'), ...timestamps(q, false)],
        indices: [index(q, 'ticket_follower', ['ticket_id', 'user_id'], true), index(q, 'ticket_follower', ['user_id', 'id'])],
      }),
    );
    await createTable(q, 'escalation', {
      columns: [
        id(),
        ref('ticket_id'),
        ref('community_id'),
        ref('office_area_id'),
        varchar('reason', 24),
        varchar('state', 8, false, 'open'),
        instant('deadline_at', true),
        instant('closed_at', true),
        ref('closed_by_id', true),
        varchar('closing_note', 500, true),
        ...timestamps(q, false),
      ],
      indices: [['office_area_id', 'state', 'id'], ['ticket_id', 'id']],
    });
    await createTable(q, 'notification', {
      columns: [
        id(),
        ref('user_id'),
        varchar('kind', 32),
        varchar('title', 64),
        varchar('body', 255),
        ref('ticket_id', true),
        instant('read_at', true),
        varchar('wechat_status', 8, false, 'none'),
        varchar('wechat_template_id', 64, true),
        text('wechat_data', true),
        integer('wechat_errcode', true),
        varchar('wechat_errmsg', 255, true),
        integer('wechat_attempts', false, 0),
        ...timestamps(q, false),
      ],
      indices: [['user_id', 'id'], ['wechat_status', 'id']],
    });
    await createTable(q, 'job_lease', {
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true },
        varchar('holder', 64),
        instant('expires_at'),
        instant('last_run_at', true),
      ],
    });
    await q.createTable(
      new Table({
        name: 'open311_client',
        columns: [id(), varchar('name', 64), varchar('key_hash', 64), ref('area_id'), instant('revoked_at', true), ...timestamps(q, false)],
        indices: [index(q, 'open311_client', ['key_hash'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['open311_client', 'job_lease', 'notification', 'escalation', 'ticket_follower', 'ticket_event', 'ticket', 'ticket_category', 'upload']) {
      await q.dropTable(table);
    }
  }
}
