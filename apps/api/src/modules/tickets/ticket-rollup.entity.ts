import { Column, Entity, Index } from 'typeorm';
import type { TicketSource } from '@wuye/contracts';
import { DateColumn, IdColumn, RefColumn } from '../../database/columns';

/**
 * Ticket counters per estate, period filed (Asia/Shanghai) and category, kept up to date in the same transaction
 * as every ticket change. Statistics over counties and companies sum these rows instead of scanning tickets.
 */
export abstract class RollupCounters {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 255 }) areaPath: string;

  /** The company serving the estate when the tickets were filed. */
  @RefColumn({ nullable: true }) companyId: number | null;
  @Column({ type: 'varchar', length: 32 }) categoryCode: string;

  /** Where the tickets came from (TICKET_SOURCES): 内部报事 is counted apart from residents' tickets. */
  @Column({ type: 'varchar', length: 16, default: 'app' }) source: TicketSource;
  @Column({ type: 'integer', default: 0 }) total: number;
  @Column({ type: 'integer', default: 0 }) submitted: number;
  @Column({ type: 'integer', default: 0 }) accepted: number;
  @Column({ type: 'integer', default: 0 }) assigned: number;
  @Column({ type: 'integer', default: 0 }) inProgress: number;
  @Column({ type: 'integer', default: 0 }) resolved: number;
  @Column({ type: 'integer', default: 0 }) closed: number;
  @Column({ type: 'integer', default: 0 }) rejected: number;
  @Column({ type: 'integer', default: 0 }) cancelled: number;
  /** Tickets answered (accepted or rejected), and those answered in time. */
  @Column({ type: 'integer', default: 0 }) responded: number;
  @Column({ type: 'integer', default: 0 }) respondedOnTime: number;
  @Column({ type: 'integer', default: 0 }) resolvedCount: number;
  @Column({ type: 'integer', default: 0 }) resolvedOnTime: number;
  @Column({ type: 'integer', default: 0 }) rated: number;
  /** Rated 4 or 5 stars. */
  @Column({ type: 'integer', default: 0 }) satisfied: number;
  @Column({ type: 'integer', default: 0 }) starsSum: number;
  @Column({ type: 'integer', default: 0 }) reopened: number;
  @Column({ type: 'integer', default: 0 }) everResolved: number;
  /** Return visits (回访): due now, and their outcomes (satisfaction counts them beside the ratings). */
  @Column({ type: 'integer', default: 0 }) visitDue: number;
  @Column({ type: 'integer', default: 0 }) visitSatisfied: number;
  @Column({ type: 'integer', default: 0 }) visitDissatisfied: number;
  @Column({ type: 'integer', default: 0 }) visitUnreachable: number;
}

/** Per day: exact date ranges, and an estate's own statistics. */
@Entity('ticket_rollup')
@Index(['communityId', 'day', 'categoryCode', 'source'], { unique: true })
@Index(['areaPath', 'day'])
@Index(['companyId', 'day'])
export class TicketRollup extends RollupCounters {
  @DateColumn() day: string;
}

/**
 * Per month (the 1st of the month): a year of a county reads 12 rows per estate and category instead of 365, so
 * the overview costs the same at 5 million tickets as at 50 thousand. Ranges use whole months from here and the
 * days at either end from ticket_rollup.
 */
@Entity('ticket_rollup_month')
@Index(['communityId', 'month', 'categoryCode', 'source'], { unique: true })
@Index(['areaPath', 'month'])
@Index(['companyId', 'month'])
export class TicketRollupMonth extends RollupCounters {
  @DateColumn() month: string;
}
