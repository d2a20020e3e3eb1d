import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { QUESTION_ANSWER_DAYS_DEFAULT } from '@wuye/contracts';
import { CreatedAtColumn, IdColumn, RefColumn, UpdatedAtColumn } from '../../database/columns';
import { Area } from './area.entity';

/** 小区: the estate. Belongs to one community office (社区/村). */
@Entity('community')
export class Community {
  @IdColumn() id: number;

  /** Public code, also the Open311 jurisdiction_id. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @RefColumn() areaId: number;

  @ManyToOne(() => Area)
  @JoinColumn({ name: 'area_id' }) area?: Area;

  /** Copy of the community office's path, so area-scoped queries need no join. */
  @Index()
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) address: string | null;
  @Column({ type: 'double', nullable: true }) lat: number | null;
  @Column({ type: 'double', nullable: true }) long: number | null;

  /** Days the manager has to answer a resident's question on a disclosure (质询). */
  @Column({ type: 'integer', default: QUESTION_ANSWER_DAYS_DEFAULT }) questionAnswerDays: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
