import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROXY_CHANNELS,
  RATING_TAGS,
  TICKET_ACTIONS,
  TICKET_DESCRIPTION_MAX,
  TICKET_KINDS,
  TICKET_PHOTOS_MAX,
  TICKET_STATES,
  type CreateTicketInput,
  type ProxyChannel,
  type ProxyTicketInput,
  type RatingInput,
  type TicketAction,
  type TicketKind,
  type TicketListView,
  type TransitionInput,
} from '@wuye/contracts';
import { EnumField, IdListField, IntField, NumberField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

const PhotoIds = IdListField;

export class CreateTicketDto implements CreateTicketInput {
  @IntField(ID)
  communityId: number;

  @EnumField(TICKET_KINDS, { description: 'repair 报修, complaint 投诉, suggestion 建议, hazard 隐患' })
  kind: TicketKind;

  @TextField({ max: 32, pattern: /^[a-z][a-z0-9_]*$/, example: 'elevator' })
  categoryCode: string;

  @TextField({ max: TICKET_DESCRIPTION_MAX, example: '3栋1单元电梯按钮失灵，按了不亮' })
  description: string;

  @PhotoIds(TICKET_PHOTOS_MAX)
  photoIds: number[] = [];

  @IntField({ ...ID, optional: true, description: 'One of the reporter’s own houses: the repair is then private' })
  houseId?: number;

  @TextField({ max: 100, optional: true, example: '3栋1单元大堂' })
  place?: string;

  @NumberField({ min: -90, max: 90, optional: true })
  lat?: number;

  @NumberField({ min: -180, max: 180, optional: true })
  long?: number;
}

/** 代报: filed for a caller by the estate's manager or staff, or its community office. */
export class ProxyTicketDto extends CreateTicketDto implements ProxyTicketInput {
  @EnumField(PROXY_CHANNELS, { description: "12345, petition 信访, visit 来访, phone 电话, direct_line 物业投诉直通车, inspection 检查发现" })
  channel: ProxyChannel;

  @TextField({ max: 32, optional: true, description: 'The caller’s name (required except for an inspection)', example: '王先生' })
  callerName?: string;

  @TextField({ max: 20, optional: true, description: 'The caller’s mobile or landline (required except for an inspection); stored encrypted', example: '13812345678' })
  callerPhone?: string;
}

export class TransitionDto implements TransitionInput {
  @EnumField(TICKET_ACTIONS)
  action: TicketAction;

  @IntField({ min: 1, max: 2 ** 31 - 1, description: 'The version the caller saw; a stale one answers 409' })
  version: number;

  @TextField({ max: 1000, optional: true, description: 'Feedback (resolve) or a note' })
  note?: string;

  @TextField({ max: 500, optional: true, description: 'Required for reject, reopen, appeal' })
  reason?: string;

  @PhotoIds(TICKET_PHOTOS_MAX)
  photoIds?: number[];

  @IntField({ ...ID, optional: true, description: 'assign: a staff member of the estate' })
  assigneeId?: number;

  @TextField({ max: 64, optional: true, description: 'assign: an outside body (社区居委会, 供电公司)' })
  externalAssignee?: string;
}

export class RatingDto implements RatingInput {
  @IntField({ min: 1, max: 5 })
  stars: number;

  @ApiPropertyOptional({ type: [String], enum: RATING_TAGS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RATING_TAGS.length)
  @IsIn(RATING_TAGS as unknown as string[], { each: true })
  tags?: string[];

  @TextField({ max: 500, optional: true })
  comment?: string;
}

const VIEWS: readonly TicketListView[] = ['mine', 'following', 'community', 'inbox', 'assigned', 'oversight', 'return_visits'];

export class ListTicketsQuery extends PageQuery {
  @EnumField(VIEWS, { description: 'mine, following, community (the board), inbox (manager), assigned (staff), oversight (offices, regulators: reporters masked), return_visits (回访 due: managers, who may reopen; offices, who record the outcome)' })
  view: TicketListView;

  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @TextField({ max: 120, optional: true, pattern: new RegExp(`^(${TICKET_STATES.join('|')})(,(${TICKET_STATES.join('|')}))*$`), description: 'Comma-separated states' })
  state?: string;

  @TextField({ max: 32, optional: true, pattern: /^[a-z][a-z0-9_]*$/ })
  category?: string;

  @QueryBoolField({ description: 'Only tickets past a deadline' })
  overdue?: boolean;
}

export class SimilarQuery {
  @IntField({ ...ID, fromQuery: true })
  communityId: number;

  @TextField({ max: 32, pattern: /^[a-z][a-z0-9_]*$/ })
  categoryCode: string;

  @TextField({ max: 100, optional: true })
  place?: string;
}

export class StatsQuery {
  @TextField({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, description: 'First day (Asia/Shanghai), inclusive', example: '2026-01-01' })
  from: string;

  @TextField({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, description: 'Last day, inclusive', example: '2026-12-31' })
  to: string;
}

