import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { index, integer, varchar } from '../migration-helpers';

/**
 * One star rating per estate and year: a change is the next version, with the reason for the change. Ratings
 * already given become versions 1, 2, … of their year in the order they were given, so the latest one still counts.
 */
export class StarRatingVersions1764300018000 implements MigrationInterface {
  name = 'StarRatingVersions1764300018000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('star_rating', [new TableColumn(integer('version', false, 1)), new TableColumn(varchar('change_reason', 500, true))]);
    const rows: { id: number; community_id: number; year: number }[] = await q.query('SELECT id, community_id, year FROM star_rating ORDER BY id');
    const seen = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.community_id}:${r.year}`;
      const version = (seen.get(key) ?? 0) + 1;
      seen.set(key, version);
      if (version > 1) await q.query('UPDATE star_rating SET version = ?, change_reason = ? WHERE id = ?', [version, '（本条为版本记录启用前的复评）', r.id]);
    }
    await q.dropIndex('star_rating', index(q, 'star_rating', ['community_id', 'year', 'id']).name as string);
    await q.createIndex('star_rating', index(q, 'star_rating', ['community_id', 'year', 'version'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('star_rating', index(q, 'star_rating', ['community_id', 'year', 'version'], true).name as string);
    await q.createIndex('star_rating', index(q, 'star_rating', ['community_id', 'year', 'id']));
    await q.dropColumns('star_rating', ['change_reason', 'version']);
  }
}
