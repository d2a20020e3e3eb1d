import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config';
import { dataSourceOptions, detectFlavour } from './data-source';

/**
 * Runs pending migrations before the app serves. On MySQL a named lock makes concurrent starts (two replicas)
 * take turns instead of racing on the same migration.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ got }] = await runner.query(`SELECT GET_LOCK('wuye_migrations', 120) AS got`);
    if (Number(got) !== 1) throw new Error('Timed out waiting for another process to finish migrations');
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT RELEASE_LOCK('wuye_migrations')`);
    }
  } finally {
    await runner.release();
  }
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
