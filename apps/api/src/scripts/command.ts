import type { DataSource } from 'typeorm';
import { ConfigError, readDatabaseConfig, type DatabaseConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { runMigrations } from '../database/database.module';

/** `migrate`: bring the schema up to date (a bulk load); false: refuse a schema this build does not match. */
type Open = (options?: { migrate?: boolean }) => Promise<{ db: DataSource; config: DatabaseConfig }>;

/**
 * Runs `body` when `module` is the program (`node dist/scripts/….js`). `open` connects to the API's database with
 * its settings; the connection is closed at the end. A wrong setting or usage is printed as one line, exit
 * status 1.
 */
export function command(module: NodeModule, body: (open: Open) => Promise<void>): void {
  if (require.main !== module) return;
  let db: DataSource | undefined;
  const open: Open = async ({ migrate = true } = {}) => {
    const config = readDatabaseConfig();
    db = await (await createDataSource(config)).initialize();
    if (migrate) await runMigrations(db);
    else if (await db.showMigrations()) throw new Error('The database is not at this build’s schema: deploy this version of the API first (it migrates the database), then run this again.');
    return { db, config };
  };
  body(open)
    .catch((error) => {
      console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db?.destroy());
}
