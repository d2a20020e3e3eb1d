import { MigrationInterface, QueryRunner } from 'typeorm';
import { bool, createTable, id, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** 业主共同决定 (民法典 278): votes, their frozen voter lists and one ballot per house. */
export class Votes1764300022000 implements MigrationInterface {
  name = 'Votes1764300022000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'vote', {
      columns: [
        id(),
        ref('community_id'),
        varchar('area_path', 255),
        varchar('matter', 16),
        varchar('title', 100),
        text('text'),
        text('options'),
        text('document_ids'),
        instant('ends_at'),
        varchar('state', 12),
        varchar('note', 500, true),
        ref('created_by_id'),
        ref('approved_by_id', true),
        instant('opened_at', true),
        instant('closed_at', true),
        text('result', true),
        ref('disclosure_id', true),
        integer('version', false, 1),
        ...timestamps(q),
      ],
      indices: [['community_id', 'state', 'id'], ['state', 'ends_at']],
    });
    await createTable(q, 'vote_voter', {
      columns: [id(), ref('vote_id'), ref('house_id'), integer('area_centi'), varchar('person_key', 32), text('owner_ids')],
      indices: [unique(['vote_id', 'house_id'])],
    });
    await createTable(q, 'ballot', {
      columns: [id(), ref('vote_id'), ref('house_id'), integer('choice'), ref('cast_by_id'), bool(q, 'paper', false), ref('photo_id', true), ...timestamps(q, false)],
      indices: [unique(['vote_id', 'house_id'])],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ballot');
    await q.dropTable('vote_voter');
    await q.dropTable('vote');
  }
}
