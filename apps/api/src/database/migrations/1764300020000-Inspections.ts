import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { date, id, index, instant, integer, ref, text, timestamps, varchar } from '../migration-helpers';

/**
 * 动态监管: checklist templates, inspections, rectification orders (整改单) with their append-only timeline, and the
 * order a credit event may cite.
 */
export class Inspections1764300020000 implements MigrationInterface {
  name = 'Inspections1764300020000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspection_template',
        columns: [id(), ref('area_id'), varchar('name', 100), text('items'), ref('updated_by_id'), ...timestamps(q)],
        indices: [index(q, 'inspection_template', ['area_id', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inspection',
        columns: [
          id(),
          ref('community_id'),
          varchar('area_path', 255),
          ref('company_id', true),
          ref('template_id'),
          varchar('template_name', 100),
          varchar('kind', 16),
          date('inspected_on'),
          text('inspectors'),
          text('traced_ticket_ids'),
          text('items'),
          integer('score_tenths', true),
          ref('issuing_area_id'),
          ref('created_by_id'),
          varchar('idempotency_key', 64, true),
          ...timestamps(q, false),
        ],
        indices: [
          index(q, 'inspection', ['community_id', 'inspected_on']),
          index(q, 'inspection', ['area_path', 'inspected_on']),
          index(q, 'inspection', ['created_by_id', 'idempotency_key'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rectification',
        columns: [
          id(),
          ref('inspection_id'),
          ref('community_id'),
          varchar('area_path', 255),
          ref('company_id'),
          varchar('section', 16),
          varchar('item_code', 16),
          varchar('item_text', 200),
          text('note'),
          text('photo_ids'),
          varchar('state', 16),
          instant('deadline_at'),
          instant('overdue_at', true),
          instant('verified_at', true),
          ref('issuing_area_id'),
          integer('version', false, 1),
          ...timestamps(q),
        ],
        indices: [
          index(q, 'rectification', ['community_id', 'state', 'id']),
          index(q, 'rectification', ['company_id', 'state', 'id']),
          index(q, 'rectification', ['area_path', 'created_at']),
          index(q, 'rectification', ['state', 'deadline_at']),
          index(q, 'rectification', ['inspection_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rectification_event',
        columns: [id(), ref('rectification_id'), ref('actor_id', true), varchar('action', 16), varchar('from_state', 16, true), varchar('to_state', 16, true), text('note', true), text('photo_ids'), ...timestamps(q, false)],
        indices: [index(q, 'rectification_event', ['rectification_id', 'id'])],
      }),
    );
    await q.addColumn('credit_event', new TableColumn(ref('rectification_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('credit_event', 'rectification_id');
    for (const table of ['rectification_event', 'rectification', 'inspection', 'inspection_template']) await q.dropTable(table);
  }
}
