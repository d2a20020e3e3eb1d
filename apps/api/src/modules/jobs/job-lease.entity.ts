import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/** Who runs a scheduled job right now: one holder per job across all API processes, until the lease expires. */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 64 }) holder: string;
  @InstantColumn() expiresAt: Date;
  @InstantColumn({ nullable: true }) lastRunAt: Date | null;
}
