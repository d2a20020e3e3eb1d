import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { id, index, ref, text, timestamps, varchar } from '../migration-helpers';

/**
 * Open311 intake that real GeoReport v2 clients can rely on: what a client sent with each ticket it filed (its own
 * id, so a retried POST finds the first ticket; attribute values; the service_notice it was given), and the account
 * the photos it sends are uploaded as.
 */
export class Open311Requests1764300019100 implements MigrationInterface {
  name = 'Open311Requests1764300019100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'open311_request',
        columns: [
          id(),
          ref('client_id'),
          ref('ticket_id'),
          varchar('client_key', 128, true),
          text('attributes'),
          varchar('address_id', 64, true),
          varchar('service_notice', 255),
          ...timestamps(q, false),
        ],
        indices: [index(q, 'open311_request', ['client_id', 'client_key'], true), index(q, 'open311_request', ['ticket_id'], true)],
      }),
    );
    await q.addColumn('open311_client', new TableColumn(ref('user_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('open311_client', 'user_id');
    await q.dropTable('open311_request');
  }
}
