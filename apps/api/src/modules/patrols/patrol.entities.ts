import { Column, Entity, Index } from 'typeorm';
import type { PatrolFrequency, PatrolPointKind, PatrolResult } from '@wuye/contracts';
import { BoolColumn, CreatedAtColumn, DateColumn, IdColumn, InstantColumn, JsonColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';

/** 巡检点: a place of an estate checked on patrol (消防通道, 水泵房…), with the code printed there. */
@Entity('patrol_point')
@Index(['communityId', 'id'])
export class PatrolPoint {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 100 }) place: string;
  @Column({ type: 'varchar', length: 16 }) kind: PatrolPointKind;

  /** 16 hex characters printed in the point's QR code: a scan proves one stood there. */
  @Column({ type: 'varchar', length: 16 }) code: string;
  @BoolColumn({ default: true }) active: boolean;
  /** When it was retired (停用): a check made before then, sent later from the phone, still arrives. */
  @InstantColumn({ nullable: true }) retiredAt: Date | null;
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
}

/** 巡检计划: which points, how often, in which time window, by whom. */
@Entity('patrol_plan')
@Index(['communityId', 'id'])
@Index(['assigneeId', 'id'])
export class PatrolPlan {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @JsonColumn() pointIds: number[];
  @Column({ type: 'varchar', length: 16 }) frequency: PatrolFrequency;
  @Column({ type: 'varchar', length: 5 }) windowStart: string;
  @Column({ type: 'varchar', length: 5 }) windowEnd: string;
  @RefColumn() assigneeId: number;

  /** The first day it is due (Asia/Shanghai): periods before it are never missed. */
  @DateColumn() startsOn: string;
  @RefColumn() createdById: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/**
 * A plan as it was before an edit (or a point's retirement) replaced it: from `replacedOn` (a Shanghai date) on, the
 * periods ending that day or later follow the newer version; those that ended before keep being counted against this
 * one, so an edit never changes a month already past.
 */
@Entity('patrol_plan_version')
@Index(['communityId', 'planId'])
export class PatrolPlanVersion {
  @IdColumn() id: number;
  @RefColumn() planId: number;
  @RefColumn() communityId: number;
  @JsonColumn() pointIds: number[];
  @Column({ type: 'varchar', length: 16 }) frequency: PatrolFrequency;
  @Column({ type: 'varchar', length: 5 }) windowStart: string;
  @Column({ type: 'varchar', length: 5 }) windowEnd: string;
  @RefColumn() assigneeId: number;
  @DateColumn() replacedOn: string;
  @RefColumn() replacedById: number;
  @CreatedAtColumn() createdAt: Date;
}

/** 巡检记录: one check of a point; an abnormal one opened a hazard ticket. */
@Entity('patrol_check')
@Index(['communityId', 'checkedAt'])
@Index(['pointId', 'checkedAt'])
@Index(['checkedById', 'idempotencyKey'], { unique: true })
export class PatrolCheck {
  @IdColumn() id: number;
  @RefColumn() communityId: number;
  @RefColumn() pointId: number;
  @RefColumn({ nullable: true }) planId: number | null;
  @Column({ type: 'varchar', length: 16 }) result: PatrolResult;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @JsonColumn() photoIds: number[];
  @InstantColumn() checkedAt: Date;
  @RefColumn() checkedById: number;
  @RefColumn({ nullable: true }) ticketId: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @CreatedAtColumn() createdAt: Date;
}
