import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '../../config';
import { JobLeaseService } from './job-lease.service';

/**
 * Runs the registered scheduled jobs every JOBS_INTERVAL_SECONDS, each under its database lease so that one
 * API process runs it at a time. A failing job is logged and retried next round; it never stops the others.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs: { name: string; run: () => Promise<unknown> }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly lease: JobLeaseService,
  ) {}

  register(name: string, run: () => Promise<unknown>): void {
    this.jobs.push({ name, run });
  }

  onApplicationBootstrap(): void {
    if (!this.app.jobsIntervalSeconds) return;
    this.timer = setInterval(() => void this.tick(), this.app.jobsIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round of every job (skipped while the previous round still runs). */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const job of this.jobs) {
        try {
          await this.lease.runExclusive(job.name, 5 * 60_000, async () => void (await job.run()));
        } catch (error) {
          this.logger.warn({ job: job.name, err: (error as Error).message }, 'job failed; the next round retries');
        }
      }
    })().finally(() => (this.running = null));
    return this.running;
  }
}
