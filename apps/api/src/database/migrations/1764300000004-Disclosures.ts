import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { bigint, createTable, id, index, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** Disclosures with lines, reviews, questions and cost shares; PDF vouchers; each estate's question deadline. */
export class Disclosures1764300000004 implements MigrationInterface {
  name = 'Disclosures1764300000004';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'disclosure', {
      columns: [
        id(),
        ref('community_id'),
        varchar('area_path', 255),
        varchar('type', 24),
        varchar('period', 8),
        varchar('title', 100),
        varchar('state', 12),
        ref('lineage_id', true),
        integer('version', false, 1),
        ref('supersedes_id', true),
        varchar('correction_reason', 500, true),
        text('content'),
        text('totals'),
        integer('review_round', false, 0),
        ref('created_by_id'),
        instant('submitted_at', true),
        instant('published_at', true),
        ref('signed_off_by_id', true),
        integer('chain_seq', true),
        varchar('hash', 64, true),
        varchar('prev_hash', 64, true),
        integer('row_version', false, 1),
        ...timestamps(q),
      ],
      indices: [['community_id', 'type', 'period'], ['community_id', 'state', 'id'], unique(['community_id', 'chain_seq']), ['lineage_id', 'version']],
    });
    await q.createTable(
      new Table({
        name: 'disclosure_line',
        columns: [id(), ref('disclosure_id'), integer('seq'), varchar('kind', 16), varchar('item', 200), bigint('amount_fen', true), text('fields'), text('attachment_ids')],
        indices: [index(q, 'disclosure_line', ['disclosure_id', 'seq'])],
      }),
    );
    await createTable(q, 'disclosure_review', {
      columns: [
        id(),
        ref('disclosure_id'),
        ref('line_id', true),
        integer('round'),
        ref('reviewer_id'),
        varchar('decision', 8),
        varchar('comment', 500, true),
        varchar('answer', 1000, true),
        ref('answered_by_id', true),
        instant('answered_at', true),
        ...timestamps(q, false),
      ],
      indices: [['disclosure_id', 'round']],
    });
    await createTable(q, 'disclosure_question', {
      columns: [
        id(),
        ref('disclosure_id'),
        ref('community_id'),
        ref('line_id', true),
        ref('asker_id'),
        varchar('asker_mask', 32),
        varchar('text', 1000),
        varchar('answer', 2000, true),
        ref('answered_by_id', true),
        instant('answered_at', true),
        instant('due_at'),
        instant('overdue_notified_at', true),
        ...timestamps(q, false),
      ],
      indices: [['disclosure_id', 'id'], ['community_id', 'answered_at', 'due_at']],
    });
    await q.createTable(
      new Table({
        name: 'disclosure_share',
        columns: [id(), ref('disclosure_id'), ref('house_id'), bigint('share_fen'), integer('weight')],
        indices: [index(q, 'disclosure_share', ['disclosure_id', 'house_id'], true), index(q, 'disclosure_share', ['house_id'])],
      }),
    );
    await q.addColumn('community', new TableColumn(integer('question_answer_days', false, 10)));
    await q.addColumn('upload', new TableColumn(varchar('kind', 8, false, 'image')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('upload', 'kind');
    await q.dropColumn('community', 'question_answer_days');
    for (const table of ['disclosure_share', 'disclosure_question', 'disclosure_review', 'disclosure_line', 'disclosure']) await q.dropTable(table);
  }
}
