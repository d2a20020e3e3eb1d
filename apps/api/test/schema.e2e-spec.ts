import { DataSource } from 'typeorm';
import { dataSourceOptions, detectFlavour } from '../src/database/data-source';
import { runMigrations } from '../src/database/database.module';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestDatabase, TestDatabase } from './support/database';
import { readDatabaseConfig } from '../src/config';
import { EnvReader } from '../src/config/env';

/** The committed migrations are the schema, on SQLite and on MySQL/MariaDB alike. */
describe('migrations', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = readDatabaseConfig(new EnvReader(database.env));
    db = new DataSource({ ...dataSourceOptions(config, await detectFlavour(config)), migrationsRun: false });
    await db.initialize();
    await runMigrations(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('apply in order on an empty database', async () => {
    const applied = await db.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('produce exactly the schema the entities describe (nothing for synchronize to change)', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('run again as a no-op, and revert and re-apply cleanly', async () => {
    await runMigrations(db);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query('SELECT name FROM migrations')).toEqual([]);
    await runMigrations(db);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
