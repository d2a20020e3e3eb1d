import { MigrationInterface, QueryRunner } from 'typeorm';
import { index } from '../migration-helpers';

/** 代报 has no app reporter: a retried submission is recognised by who filed it and its Idempotency-Key. */
export class ProxyIdempotency1764300019201 implements MigrationInterface {
  name = 'ProxyIdempotency1764300019201';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('ticket', index(q, 'ticket', ['filed_by_id', 'idempotency_key'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', index(q, 'ticket', ['filed_by_id', 'idempotency_key'], true).name as string);
  }
}
