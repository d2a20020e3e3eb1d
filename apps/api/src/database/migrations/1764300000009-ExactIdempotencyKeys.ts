import { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysql } from '../migration-helpers';

/**
 * Idempotency keys compare exactly. MySQL/MariaDB compare text under the database's collation, case-insensitive by
 * default (utf8mb4_unicode_ci): a second submission whose key differed only in case was answered as a replay of the
 * first, and the unique index refused it. A binary collation on the column makes both engines agree (SQLite's
 * comparison is binary already: nothing to do there).
 */
export class ExactIdempotencyKeys1764300000009 implements MigrationInterface {
  name = 'ExactIdempotencyKeys1764300000009';

  async up(q: QueryRunner): Promise<void> {
    if (isMysql(q)) await q.query('ALTER TABLE `ticket` MODIFY `idempotency_key` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    if (isMysql(q)) await q.query('ALTER TABLE `ticket` MODIFY `idempotency_key` varchar(64) NULL');
  }
}
