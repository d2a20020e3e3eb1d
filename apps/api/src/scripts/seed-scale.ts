/**
 * Fills a database to county or province scale for benchmarks, with bulk inserts:
 *   npm run seed:scale -- --communities 150 --owners 25000 --tickets 100000
 * Uses the same settings as the API (DB_URL for MySQL/MariaDB, else the SQLite file), runs the migrations first,
 * adds to what is there, and prints how long each part took.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { creditCodeCheckChar, DEFAULT_TICKET_CATEGORIES, shanghaiDate } from '@wuye/contracts';
import { BulkWriter } from './bulk-writer';
import { command } from './command';
import { rebuildRollups } from '../modules/tickets/rollups.service';

export interface ScaleOptions {
  communities: number;
  owners: number;
  tickets: number;
}

const USAGE = 'usage: npm run seed:scale -- --communities N --owners N [--tickets N]';

export function parseScaleArgs(argv: string[]): ScaleOptions {
  const options: ScaleOptions = { communities: 0, owners: 0, tickets: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '') as keyof ScaleOptions;
    const value = argv[i + 1];
    if (!(name in options) || value === undefined || !/^\d+$/.test(value)) throw new Error(`${USAGE}\n(bad argument: ${argv[i]} ${value ?? ''})`);
    options[name] = Number(value);
  }
  if (options.communities < 1) throw new Error(`${USAGE}\n(--communities must be at least 1)`);
  return options;
}

/** 150 communities to a county, 10 towns to a county, 6 offices to a town: the shape of a real county. */
const PER_COUNTY = 150;
const TOWNS_PER_COUNTY = 10;
const OFFICES_PER_TOWN = 6;
const COMMUNITIES_PER_COMPANY = 4;
const HOUSES_PER_BUILDING = 96;

async function nextId(db: DataSource, table: string): Promise<number> {
  const [row] = await db.query(`SELECT MAX(id) AS m FROM ${table}`);
  return Number(row.m ?? 0) + 1;
}

export async function seedScale(db: DataSource, options: ScaleOptions, log: (line: string) => void): Promise<void> {
  const run = Date.now().toString(36).toUpperCase();
  const writer = new BulkWriter(db);
  const timed = async (label: string, work: () => Promise<number>) => {
    const started = Date.now();
    const rows = await work();
    const seconds = (Date.now() - started) / 1000;
    log(`${label.padEnd(28)} ${String(rows).padStart(10)} rows  ${seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en-US').padStart(9)} rows/s`);
  };

  const counties = Math.ceil(options.communities / PER_COUNTY);
  const officeIds: { id: number; path: string }[] = [];
  await timed('areas', async () => {
    let id = await nextId(db, 'area');
    const rows: unknown[][] = [];
    for (let c = 0; c < counties; c++) {
      const countyId = id++;
      rows.push([countyId, `S${run}-${c}`, `规模县${c + 1}`, 'county', null, `/${countyId}/`]);
      for (let t = 0; t < TOWNS_PER_COUNTY; t++) {
        const townId = id++;
        rows.push([townId, `S${run}-${c}-${t}`, `规模镇${c + 1}-${t + 1}`, 'town', countyId, `/${countyId}/${townId}/`]);
        for (let o = 0; o < OFFICES_PER_TOWN; o++) {
          const officeId = id++;
          const path = `/${countyId}/${townId}/${officeId}/`;
          rows.push([officeId, `S${run}-${c}-${t}-${o}`, `规模社区${c + 1}-${t + 1}-${o + 1}`, 'community_office', townId, path]);
          officeIds.push({ id: officeId, path });
        }
      }
    }
    await writer.insert('area', ['id', 'code', 'name', 'level', 'parent_id', 'path'], rows);
    return rows.length;
  });

  const companyCount = Math.max(1, Math.ceil(options.communities / COMMUNITIES_PER_COMPANY));
  let firstCompany = 0;
  await timed('property companies', async () => {
    firstCompany = await nextId(db, 'property_company');
    const rows = Array.from({ length: companyCount }, (_, i) => {
      // Unique per database (the row id), so a second load adds to the first instead of colliding with it.
      const first17 = `91${String(330000 + (i % 9999)).padStart(6, '0')}${String(firstCompany + i).padStart(9, '0')}`;
      return [firstCompany + i, `规模物业${run}-${i + 1}`, `${first17}${creditCodeCheckChar(first17)}`];
    });
    await writer.insert('property_company', ['id', 'name', 'credit_code'], rows);
    return rows.length;
  });

  let firstCommunity = 0;
  await timed('communities + contracts', async () => {
    firstCommunity = await nextId(db, 'community');
    const perCounty = Math.ceil(options.communities / counties);
    const communities: unknown[][] = [];
    const contracts: unknown[][] = [];
    for (let i = 0; i < options.communities; i++) {
      const county = Math.floor(i / perCounty);
      const officesOfCounty = officeIds.slice(county * TOWNS_PER_COUNTY * OFFICES_PER_TOWN, (county + 1) * TOWNS_PER_COUNTY * OFFICES_PER_TOWN);
      const office = officesOfCounty[i % officesOfCounty.length];
      communities.push([firstCommunity + i, `S${run}-${i}`, `规模小区${i + 1}`, office.id, office.path]);
      contracts.push([firstCommunity + i, firstCompany + (i % companyCount), '2024-01-01', '二级', '[]']);
    }
    await writer.insert('community', ['id', 'code', 'name', 'area_id', 'area_path'], communities);
    await writer.insert('service_contract', ['community_id', 'company_id', 'starts_on', 'service_grade', 'fee_standards'], contracts);
    return communities.length + contracts.length;
  });

  if (options.owners > 0) {
    await timed('buildings + houses', async () => {
      let buildingId = await nextId(db, 'building');
      let houseId = await nextId(db, 'house');
      const perCommunity = Math.ceil(options.owners / options.communities);
      let remaining = options.owners;
      let rows = 0;
      for (let c = 0; c < options.communities && remaining > 0; c++) {
        const houses = Math.min(perCommunity, remaining);
        remaining -= houses;
        const buildings = Array.from({ length: Math.ceil(houses / HOUSES_PER_BUILDING) }, (_, b) => [buildingId + b, firstCommunity + c, `${b + 1}栋`]);
        // Buildings go in at once (houses refer to them); houses are buffered into large statements.
        await writer.insert('building', ['id', 'community_id', 'name'], buildings);
        rows += buildings.length;
        for (let h = 0; h < houses; h++) {
          const inBuilding = h % HOUSES_PER_BUILDING;
          const floor = Math.floor(inBuilding / 4) + 1;
          await writer.add('house', ['id', 'community_id', 'building_id', 'unit', 'floor', 'number', 'floor_area_centi', 'property_type'], [
            houseId,
            firstCommunity + c,
            buildingId + Math.floor(h / HOUSES_PER_BUILDING),
            `${inBuilding % 4 < 2 ? 1 : 2}单元`,
            floor,
            `${String(floor).padStart(2, '0')}0${(inBuilding % 2) + 1}`,
            6000 + ((houseId * 7919) % 9000),
            'residence',
          ]);
          houseId++;
          rows++;
        }
        buildingId += buildings.length;
      }
      await writer.flush();
      return rows;
    });

    await timed('owners (users + bindings)', async () => {
      let userId = await nextId(db, 'app_user');
      const houses: { id: number; community_id: number }[] = await db.query(
        `SELECT id, community_id FROM house WHERE community_id >= ? ORDER BY id LIMIT ${Number(options.owners)}`,
        [firstCommunity],
      );
      for (const house of houses) {
        await writer.add('app_user', ['id', 'display_name'], [userId, `业主${userId}`]);
        await writer.add('house_binding', ['user_id', 'house_id', 'community_id', 'relation', 'state', 'version'], [userId, house.id, house.community_id, 'owner', 'approved', 1]);
        userId++;
      }
      await writer.flush();
      return houses.length * 2;
    });
  }

  if (options.tickets > 0) {
    await timed('tickets + created events', async () => {
      const communities: { id: number; area_path: string }[] = await db.query(`SELECT id, area_path FROM community WHERE id >= ? ORDER BY id`, [firstCommunity]);
      const owners: { user_id: number; community_id: number }[] = options.owners
        ? await db.query(`SELECT user_id, community_id FROM house_binding WHERE community_id >= ? AND state = 'approved' ORDER BY id LIMIT 200000`, [firstCommunity])
        : [];
      const ownersOf = new Map<number, number[]>();
      for (const o of owners) ownersOf.set(o.community_id, [...(ownersOf.get(o.community_id) ?? []), o.user_id]);
      let ticketId = await nextId(db, 'ticket');
      const now = Date.now();
      const sql = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
      const ticketColumns = [
        'id', 'community_id', 'area_path', 'reporter_id', 'source', 'kind', 'category_code', 'category_name', 'emergency', 'description', 'photo_ids',
        'visibility', 'reporter_mask', 'state', 'version', 'response_due_at', 'resolution_due_at', 'accepted_at', 'resolved_at', 'closed_at',
        'response_overdue_at', 'resolution_overdue_at', 'responded_on_time', 'resolved_on_time', 'reopen_count', 'rating_stars', 'rated_at',
        'created_at', 'updated_at',
      ];
      const eventColumns = ['ticket_id', 'actor_id', 'actor_role', 'action', 'from_state', 'to_state', 'photo_ids', 'created_at'];
      for (let i = 0; i < options.tickets; i++) {
        const community = communities[i % communities.length];
        const category = DEFAULT_TICKET_CATEGORIES[(i * 7) % DEFAULT_TICKET_CATEGORIES.length];
        const created = now - ((i * 7919) % (365 * 24 * 60)) * 60_000 - 60_000;
        const roll = (i * 2654435761) % 100;
        // Mostly finished; the recent ones still open, some late.
        const age = now - created;
        const state = age < category.resolutionMinutes * 60_000 * 1.2 ? (['submitted', 'accepted', 'assigned', 'in_progress', 'resolved'] as const)[roll % 5] : roll < 88 ? 'closed' : roll < 94 ? 'rejected' : 'cancelled';
        const responseDue = created + category.responseMinutes * 60_000;
        const resolutionDue = created + category.resolutionMinutes * 60_000;
        const acceptedAt = state === 'submitted' || state === 'cancelled' ? null : created + category.responseMinutes * 60_000 * (roll < 85 ? 0.5 : 1.4);
        const resolvedAt = state === 'resolved' || state === 'closed' ? created + category.resolutionMinutes * 60_000 * (roll < 80 ? 0.6 : 1.3) : null;
        const rated = state === 'closed' && roll % 5 !== 0;
        const reporters = ownersOf.get(community.id);
        const open = ['submitted', 'accepted', 'assigned', 'in_progress'].includes(state);
        await writer.add('ticket', ticketColumns, [
          ticketId, community.id, community.area_path, reporters ? reporters[i % reporters.length] : null, reporters ? 'app' : '12345', 'repair',
          category.code, category.name, category.emergency ? 1 : 0, `${category.name}问题（规模数据 ${i}）`, '[]', 'public', '业主', state, 1,
          sql(responseDue), sql(resolutionDue), acceptedAt ? sql(acceptedAt) : null, resolvedAt ? sql(resolvedAt) : null,
          state === 'closed' || state === 'cancelled' ? sql((resolvedAt ?? created) + 3600_000) : null,
          state === 'submitted' && responseDue < now ? sql(responseDue) : null,
          open && state !== 'submitted' && resolutionDue < now ? sql(resolutionDue) : null,
          acceptedAt === null ? null : acceptedAt <= responseDue ? 1 : 0,
          resolvedAt === null ? null : resolvedAt <= resolutionDue ? 1 : 0,
          roll % 17 === 0 ? 1 : 0,
          rated ? 1 + (roll % 5 === 1 ? 1 : roll % 5 === 2 ? 2 : 3 + (roll % 2)) : null,
          rated ? sql(created + 86400_000) : null,
          sql(created), sql(created),
        ]);
        await writer.add('ticket_event', eventColumns, [ticketId, null, 'reporter', 'created', null, 'submitted', '[]', sql(created)]);
        ticketId++;
      }
      await writer.flush();
      return options.tickets * 2;
    });
    await timed('ticket rollups (rebuilt)', () => db.transaction((m) => rebuildRollups(m, db.options.type === 'mysql' || db.options.type === 'mariadb', shanghaiDate())));
  }
}

command(module, async (open) => {
  const started = Date.now();
  const options = parseScaleArgs(process.argv.slice(2));
  const { db, config } = await open();
  console.log(`Seeding ${config.engine === 'mysql' ? config.database : config.path}: ${JSON.stringify(options)}`);
  await seedScale(db, options, (line) => console.log(line));
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
