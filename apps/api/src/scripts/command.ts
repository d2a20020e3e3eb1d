import type { DataSource } from 'typeorm';
import { ConfigError, readDatabaseConfig, type DatabaseConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { runMigrations } from '../database/database.module';

type Open = () => Promise<{ db: DataSource; config: DatabaseConfig }>;

/**
 * Runs `body` when `module` is the program (`node dist/scripts/….js`). `open` connects to the API's database with
 * its settings and migrates it; the connection is closed at the end. A wrong setting or usage is printed as one
 * line, exit status 1.
 */
export function command(module: NodeModule, body: (open: Open) => Promise<void>): void {
  if (require.main !== module) return;
  let db: DataSource | undefined;
  const open: Open = async () => {
    const config = readDatabaseConfig();
    db = await (await createDataSource(config)).initialize();
    await runMigrations(db);
    return { db, config };
  };
  body(open)
    .catch((error) => {
      console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db?.destroy());
}
