import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { index, instant, ref, varchar } from '../migration-helpers';

/**
 * A paper ballot counts once the community office confirmed it; one sent back frees its house (live_house_id null),
 * so the one-ballot-per-house index moves to (vote_id, live_house_id). A notification may name the vote it is about.
 * Paper ballots already entered: those of closed votes were counted in a frozen result and stay confirmed; those of
 * open votes wait for the office like any new one.
 */
export class PaperBallotConfirmation1764300022300 implements MigrationInterface {
  name = 'PaperBallotConfirmation1764300022300';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('ballot', [new TableColumn(ref('live_house_id', true)), new TableColumn(varchar('paper_state', 12, true)), new TableColumn(ref('decided_by_id', true)), new TableColumn(instant('decided_at', true)), new TableColumn(varchar('note', 500, true))]);
    await q.query('UPDATE ballot SET live_house_id = house_id');
    await q.query("UPDATE ballot SET paper_state = CASE WHEN vote_id IN (SELECT id FROM vote WHERE state = 'closed') THEN 'confirmed' ELSE 'pending' END WHERE paper = 1");
    await q.dropIndex('ballot', index(q, 'ballot', ['vote_id', 'house_id'], true).name as string);
    await q.createIndex('ballot', index(q, 'ballot', ['vote_id', 'live_house_id'], true));
    await q.addColumn('notification', new TableColumn(ref('vote_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notification', 'vote_id');
    await q.query('DELETE FROM ballot WHERE live_house_id IS NULL');
    await q.dropIndex('ballot', index(q, 'ballot', ['vote_id', 'live_house_id'], true).name as string);
    await q.createIndex('ballot', index(q, 'ballot', ['vote_id', 'house_id'], true));
    for (const c of ['note', 'decided_at', 'decided_by_id', 'paper_state', 'live_house_id']) await q.dropColumn('ballot', c);
  }
}
