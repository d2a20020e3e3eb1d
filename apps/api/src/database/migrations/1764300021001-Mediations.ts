import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createTable, date, id, instant, ref, text, timestamps, varchar } from '../migration-helpers';

/** 人民调解: the disputes the office takes to mediation, the record a referral opens; 挂钩领导 of the estates. */
export class Mediations1764300021001 implements MigrationInterface {
  name = 'Mediations1764300021001';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'mediation', {
      columns: [
        id(),
        ref('community_id'),
        varchar('area_path', 255),
        ref('ticket_id', true),
        varchar('subject', 500),
        text('parties'),
        text('mediators'),
        varchar('outcome', 16, true),
        date('mediated_on', true),
        varchar('note', 500, true),
        ref('agreement_upload_id', true),
        ref('created_by_id'),
        ...timestamps(q, false),
      ],
      indices: [['community_id', 'id'], ['area_path', 'created_at'], ['ticket_id']],
    });
    await q.addColumn('referral', new TableColumn(ref('mediation_id', true)));
    await createTable(q, 'liaison', {
      columns: [id(), ref('community_id'), varchar('name', 20), varchar('title', 50), ref('assigned_by_id'), ...timestamps(q, false), instant('ended_at', true)],
      indices: [['community_id', 'ended_at']],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('liaison');
    await q.dropColumn('referral', 'mediation_id');
    await q.dropTable('mediation');
  }
}
