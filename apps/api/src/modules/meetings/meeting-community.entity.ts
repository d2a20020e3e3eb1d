import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn } from '../../database/columns';

/** An estate a meeting covers: a 四方联席会 one, a 协调委员会 of an office or town several of its area. */
@Entity('meeting_community')
@Index(['meetingId', 'communityId'], { unique: true })
@Index(['communityId'])
@Index(['areaPath'])
export class MeetingCommunity {
  @IdColumn() id: number;
  @RefColumn() meetingId: number;
  @RefColumn() communityId: number;
  /** The estate's area path, for statistics per area. */
  @Column({ type: 'varchar', length: 255 }) areaPath: string;
}
