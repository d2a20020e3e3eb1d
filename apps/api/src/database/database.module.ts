import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config';
import { dataSourceOptions, detectFlavour } from './data-source';

/**
 * Runs `work` while holding a MySQL named lock (GET_LOCK), so processes sharing one database take turns.
 * SQLite has one writer and one process: the work just runs.
 */
export async function withNamedLock(dataSource: DataSource, name: string, work: () => Promise<void>, timeoutSeconds = 120): Promise<void> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') return work();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ got }] = await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, timeoutSeconds]);
    if (Number(got) !== 1) throw new Error(`Timed out waiting for another process to release ${name}`);
    try {
      await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}

/** Runs pending migrations before the app serves; concurrent starts (two replicas) take turns. */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  await withNamedLock(dataSource, 'wuye_migrations', async () => void (await dataSource.runMigrations({ transaction: 'each' })));
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: async (config: DatabaseConfig) => ({
        ...dataSourceOptions(config, await detectFlavour(config)),
        migrationsRun: false,
        retryAttempts: config.engine === 'mysql' ? config.connectRetries : 0,
        retryDelay: 2000,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
