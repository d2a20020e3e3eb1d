import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobLease } from './job-lease.entity';

/**
 * Scheduled jobs run once across all API processes: whoever holds a job's lease in the database runs it; a
 * lease left by a crashed process expires and is taken over. Works on SQLite and MySQL alike.
 */
@Injectable()
export class JobLeaseService {
  readonly holder = `${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when this process now holds the lease for `ttlMs`. */
  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const repo = this.db.getRepository(JobLease);
    await repo.createQueryBuilder().insert().values({ name, holder: '', expiresAt: new Date(0), lastRunAt: null }).orIgnore().execute();
    const taken = await repo
      .createQueryBuilder()
      .update()
      .set({ holder: this.holder, expiresAt })
      .where('name = :name AND (expires_at < :now OR holder = :holder)', { name, now, holder: this.holder })
      .execute();
    return (taken.affected ?? 0) > 0;
  }

  async finished(name: string): Promise<void> {
    await this.db.getRepository(JobLease).update({ name, holder: this.holder }, { lastRunAt: new Date() });
  }

  /** Runs `work` if the lease is ours; returns whether it ran. */
  async runExclusive(name: string, ttlMs: number, work: () => Promise<void>): Promise<boolean> {
    if (!(await this.acquire(name, ttlMs))) return false;
    await work();
    await this.finished(name);
    return true;
  }
}
