import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ContractEndReason, FeeStandard, ServiceGrade } from '@wuye/contracts';
import { CreatedAtColumn, DateColumn, IdColumn, InstantColumn, JsonColumn, RefColumn } from '../../database/columns';
import { Community } from './community.entity';
import { PropertyCompany } from './property-company.entity';

/**
 * Which company serves which community, when. The company of the active contract manages the community;
 * terminating a contract (清退, 改选) takes that away at once, while the row keeps the history.
 */
@Entity('service_contract')
export class ServiceContract {
  @IdColumn() id: number;

  @Index()
  @RefColumn() communityId: number;

  @ManyToOne(() => Community)
  @JoinColumn({ name: 'community_id' }) community?: Community;

  @Index()
  @RefColumn() companyId: number;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id' }) company?: PropertyCompany;

  /** Inclusive calendar dates (Asia/Shanghai). */
  @DateColumn() startsOn: string;
  @DateColumn({ nullable: true }) endsOn: string | null;
  @Column({ type: 'varchar', length: 8 }) serviceGrade: ServiceGrade;
  @JsonColumn() feeStandards: FeeStandard[];
  @InstantColumn({ nullable: true }) terminatedAt: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) endReason: ContractEndReason | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) endNote: string | null;
  @CreatedAtColumn() createdAt: Date;
}
