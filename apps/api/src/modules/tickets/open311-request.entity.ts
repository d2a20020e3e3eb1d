import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, JsonColumn, RefColumn } from '../../database/columns';
import type { Open311AttributeValues } from './open311-input';

/**
 * A ticket an Open311 client (a 12345 hotline) filed: what it sent beyond the ticket, and its own id for the request,
 * so that a retried POST answers with this ticket instead of filing a second one.
 */
@Entity('open311_request')
@Index(['clientId', 'clientKey'], { unique: true })
export class Open311Request {
  @IdColumn() id: number;
  @RefColumn() clientId: number;

  @Index({ unique: true })
  @RefColumn() ticketId: number;

  /** "fixmystreet_id:123" (the client's own id) or "idempotency_key:…" (its Idempotency-Key); null when it sent neither. */
  @Column({ type: 'varchar', length: 128, nullable: true }) clientKey: string | null;

  /** attribute[code] values as the service definition allowed them. */
  @JsonColumn() attributes: Open311AttributeValues;
  @Column({ type: 'varchar', length: 64, nullable: true }) addressId: string | null;

  /** The service_notice the client was given, answered again with the request. */
  @Column({ type: 'varchar', length: 255 }) serviceNotice: string;
  @CreatedAtColumn() createdAt: Date;
}
