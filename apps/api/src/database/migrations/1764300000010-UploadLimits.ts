import { MigrationInterface, QueryRunner } from 'typeorm';
import { index } from '../migration-helpers';

/**
 * Uploads: the daily limits count one user's uploads of today, and the clean-up job finds those nothing attached
 * within 24 hours; each reads an index instead of every upload the user (or everyone) ever made. The index on the
 * owner alone is the first half of the new one.
 */
export class UploadLimits1764300000010 implements MigrationInterface {
  name = 'UploadLimits1764300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('upload', index(q, 'upload', ['owner_id', 'created_at']));
    await q.createIndex('upload', index(q, 'upload', ['attached_at', 'created_at']));
    await q.dropIndex('upload', index(q, 'upload', ['owner_id']).name as string);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('upload', index(q, 'upload', ['owner_id']));
    await q.dropIndex('upload', index(q, 'upload', ['attached_at', 'created_at']).name as string);
    await q.dropIndex('upload', index(q, 'upload', ['owner_id', 'created_at']).name as string);
  }
}
