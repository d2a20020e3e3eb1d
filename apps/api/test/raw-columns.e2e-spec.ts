import { rawQuery, RawColumns } from '../src/database/raw';
import { SUMMARY_FIELDS } from '../src/modules/tickets/ticket-views.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { useTestApp } from './support/app';
import { createEstate, createResident, roleIn } from './support/fixtures';
import { act, report } from './support/tickets';

/**
 * The ticket lists read their rows with hand-written SQL and RawColumns, which copies some columns as the driver
 * hands them over and converts the rest with TypeORM's own conversion. Whatever the engine (this runs on SQLite, and
 * on MariaDB with DB_URL), a row must come out exactly as TypeORM's repository reads it.
 */
describe('RawColumns', () => {
  const t = useTestApp();

  it('hydrates every list column of a ticket exactly as the repository does, nulls, dates, JSON and flags included', async () => {
    const estate = await createEstate(t.db);
    const resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    const plain = await report(t, resident, { communityId: estate.community.id, place: '1栋门口', description: '路灯不亮' }).expect(201);
    const urgent = await report(t, resident, { communityId: estate.community.id, categoryCode: 'fire', description: '楼道堆物 "引号" 与 \\ 反斜杠' }).expect(201);
    const manager = await t.signInAs(roleIn(estate).manager);
    await act(t, manager, urgent.body.id, 'accept');

    const columns = new RawColumns(t.db, Ticket, 't', SUMMARY_FIELDS);
    const rows = await rawQuery(t.db, `SELECT ${columns.select} FROM ticket t WHERE t.id IN (:...ids) ORDER BY t.id`, { ids: [plain.body.id, urgent.body.id] });
    const hydrated = rows.map((row) => columns.hydrate(row));
    const read = await t.db.getRepository(Ticket).find({ where: [{ id: plain.body.id }, { id: urgent.body.id }], order: { id: 'ASC' } });
    const expected = read.map((ticket) => Object.fromEntries(SUMMARY_FIELDS.map((p) => [p, ticket[p]])));
    expect(hydrated).toEqual(expected);
    // toEqual treats a Date and a string alike only if both are Dates: make the kinds explicit.
    for (const [i, row] of hydrated.entries()) {
      for (const p of SUMMARY_FIELDS) expect([p, typeof row[p], row[p] instanceof Date]).toEqual([p, typeof expected[i][p], expected[i][p] instanceof Date]);
    }
    expect(hydrated[1]).toMatchObject({ emergency: true, state: expect.any(String) });
    expect(hydrated[0].responseDueAt).toBeInstanceOf(Date);
  });
});
