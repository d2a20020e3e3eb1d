import { Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn, RefColumn } from '../../database/columns';

/** "Me too" (+1): a resident follows someone else's public ticket instead of filing the same problem again. */
@Entity('ticket_follower')
@Index(['ticketId', 'userId'], { unique: true })
@Index(['userId', 'id'])
export class TicketFollower {
  @IdColumn() id: number;
  @RefColumn() ticketId: number;
  @RefColumn() userId: number;
  @CreatedAtColumn() createdAt: Date;
}
