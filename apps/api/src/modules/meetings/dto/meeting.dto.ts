import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  MEETING_AGENDA_MAX,
  MEETING_ESTATES_MAX,
  MEETING_ATTENDEES_MAX,
  MEETING_ITEM_ACTIONS,
  MEETING_ITEM_STATES,
  MEETING_ITEMS_MAX,
  MEETING_KINDS,
  MEETING_MINUTES_MAX,
  MEETING_NAME_MAX,
  MEETING_PARTIES,
  MEETING_PHOTOS_MAX,
  MEETING_TEXT_MAX,
  REFERRAL_TIERS,
  MEDIATION_OUTCOMES,
  MEDIATION_PARTIES_MAX,
  MEDIATOR_ROLES,
  MEDIATORS_MAX,
  type CreateMediationInput,
  type LiaisonInput,
  type MediationOutcome,
  type MediationOutcomeInput,
  type MediationParty,
  type Mediator,
  type MediatorRole,
  type AgendaEntry,
  type CreateMeetingInput,
  type MeetingAttendee,
  type MeetingItemAction,
  type MeetingItemInput,
  type MeetingItemState,
  type MeetingItemTransitionInput,
  type MeetingKind,
  type MeetingParty,
  type ReferInput,
  type ReferralTier,
} from '@wuye/contracts';
import { DateField, EnumField, IdListField, IntField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };
const PARTIES = { description: 'community_party 社区党组织, estate_party 小区党支部, property 物业服务企业, committee 业委会/业主代表, liaison 挂钩领导' };

export class MeetingAttendeeDto implements MeetingAttendee {
  @EnumField(MEETING_PARTIES, PARTIES)
  party: MeetingParty;

  @TextField({ max: MEETING_NAME_MAX, example: '王书记' })
  name: string;
}

export class AgendaEntryDto implements AgendaEntry {
  @TextField({ max: MEETING_TEXT_MAX, example: '3栋电梯频繁故障' })
  text: string;

  @IntField({ ...ID, optional: true, description: 'A ticket of a covered estate (one referred from the 督办 queue, say)' })
  ticketId?: number;

  @IntField({ ...ID, optional: true, description: 'An owners’ question on a disclosure of a covered estate (open or answered)' })
  questionId?: number;

  @IntField({ ...ID, optional: true, description: 'A rectification order (整改单) of a covered estate' })
  rectificationId?: number;
}

export class MeetingItemDto implements MeetingItemInput {
  @TextField({ max: MEETING_TEXT_MAX, example: '物业两周内更换3栋电梯门机' })
  text: string;

  @EnumField(MEETING_PARTIES, PARTIES)
  ownerParty: MeetingParty;

  @TextField({ max: MEETING_NAME_MAX, example: '李经理' })
  ownerName: string;

  @DateField({ description: 'Due 18:00 (Asia/Shanghai) that day' })
  deadline: string;

  @IntField({ ...ID, optional: true, description: 'The ticket the item decides: its timeline shows the decision' })
  ticketId?: number;

  @IntField({ ...ID, optional: true, description: 'The owners’ question it answers: the question shows the decision' })
  questionId?: number;

  @IntField({ ...ID, optional: true, description: 'The rectification order it decides: the order’s timeline shows 已提交联席会' })
  rectificationId?: number;

  @IntField({ ...ID, optional: true, description: 'Which of the meeting’s estates it belongs to (default: the first)' })
  communityId?: number;
}

/** The agreed items (a meeting records at least one; more may be added afterwards). */
export class AddItemsDto {
  @ApiProperty({ type: [MeetingItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEETING_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => MeetingItemDto)
  items: MeetingItemDto[];
}

export class CreateMeetingDto extends AddItemsDto implements CreateMeetingInput {
  @IntField({ ...ID, description: 'The first estate (the one the meeting is listed under)' })
  communityId: number;

  /** Every estate it covers, the first included (协调委员会: several of the recorder’s area). */
  @IdListField(MEETING_ESTATES_MAX)
  communityIds?: number[];

  @EnumField(MEETING_KINDS, { description: 'four_party 四方联席会, coordination 协调委员会会议' })
  kind: MeetingKind;

  @DateField()
  heldOn: string;

  @ApiProperty({ type: [MeetingAttendeeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEETING_ATTENDEES_MAX)
  @ValidateNested({ each: true })
  @Type(() => MeetingAttendeeDto)
  attendees: MeetingAttendeeDto[];

  @TextField({ max: MEETING_MINUTES_MAX })
  minutes: string;

  @IdListField(MEETING_PHOTOS_MAX)
  signInPhotoIds?: number[];

  @ApiProperty({ type: [AgendaEntryDto] })
  @IsArray()
  @ArrayMaxSize(MEETING_AGENDA_MAX)
  @ValidateNested({ each: true })
  @Type(() => AgendaEntryDto)
  agenda: AgendaEntryDto[];
}

export class AgendaCandidatesQuery {
  @TextField({ max: 230, pattern: /^[1-9]\d{0,9}(,[1-9]\d{0,9}){0,19}$/, patternText: '12,15', example: '12,15', description: 'The estates the meeting covers, comma-separated' })
  communityIds: string;
}

export class MeetingsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;
}

export class MeetingItemsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @EnumField(MEETING_ITEM_STATES, { optional: true })
  state?: MeetingItemState;

  @QueryBoolField({ description: 'Only items past their deadline while still open (the office’s 督办 queue)' })
  overdue?: boolean;
}

export class MeetingItemTransitionDto implements MeetingItemTransitionInput {
  @EnumField(MEETING_ITEM_ACTIONS, { description: 'done 报落实 (the owner party), verify 核验 / return 退回 (the office)' })
  action: MeetingItemAction;

  @IntField({ ...ID, description: 'The version the caller saw' })
  version: number;

  @TextField({ max: MEETING_TEXT_MAX, optional: true })
  note?: string;
}

export class ReferDto implements ReferInput {
  @EnumField(REFERRAL_TIERS, { description: 'meeting: the estate’s next joint meeting (四方联席会); town: the town’s regulator; mediation: a mediation record' })
  to: ReferralTier;

  @TextField({ max: MEETING_TEXT_MAX, optional: true })
  note?: string;
}

export class ReferralsQuery {
  @IntField({ ...ID, optional: true, fromQuery: true, description: 'Required for to=meeting (the meeting form of that estate)' })
  communityId?: number;

  @EnumField(REFERRAL_TIERS, { optional: true, description: 'meeting (default): waiting for the estate’s next meeting; town: the town’s queue; mediation' })
  to?: ReferralTier;
}

export class MediationPartyDto implements MediationParty {
  @TextField({ max: MEETING_NAME_MAX, example: '张三' })
  name: string;

  @TextField({ max: MEETING_NAME_MAX, example: '业主' })
  standing: string;
}

export class MediatorDto implements Mediator {
  @EnumField(MEDIATOR_ROLES, { description: 'judge 法官, prosecutor 检察官, police 警官, lawyer 律师, mediator 人民调解员' })
  role: MediatorRole;

  @TextField({ max: MEETING_NAME_MAX, example: '王法官' })
  name: string;
}

export class CreateMediationDto implements CreateMediationInput {
  @IntField(ID)
  communityId: number;

  @TextField({ max: MEETING_TEXT_MAX, example: '楼上漏水损坏楼下装修，赔偿金额有争议' })
  subject: string;

  @ApiProperty({ type: [MediationPartyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEDIATION_PARTIES_MAX)
  @ValidateNested({ each: true })
  @Type(() => MediationPartyDto)
  parties: MediationPartyDto[];

  @IntField({ ...ID, optional: true })
  ticketId?: number;
}

export class MediationOutcomeDto implements MediationOutcomeInput {
  @EnumField(MEDIATION_OUTCOMES, { description: 'resolved 化解, unresolved 未化解, litigation 诉调对接' })
  outcome: MediationOutcome;

  @DateField()
  mediatedOn: string;

  @ApiProperty({ type: [MediatorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEDIATORS_MAX)
  @ValidateNested({ each: true })
  @Type(() => MediatorDto)
  mediators: MediatorDto[];

  @ApiProperty({ type: [MediationPartyDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEDIATION_PARTIES_MAX)
  @ValidateNested({ each: true })
  @Type(() => MediationPartyDto)
  parties?: MediationPartyDto[];

  @TextField({ max: MEETING_TEXT_MAX, optional: true })
  note?: string;

  @IntField({ ...ID, optional: true, description: 'The signed agreement (调解协议书): a PDF upload' })
  agreementUploadId?: number;
}

export class MediationsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;
}

export class LiaisonDto implements LiaisonInput {
  @IntField(ID)
  communityId: number;

  @TextField({ max: MEETING_NAME_MAX, example: '王建国' })
  name: string;

  @TextField({ max: 50, example: '县住建局副局长' })
  title: string;
}

export class LiaisonsQuery {
  @IntField({ ...ID, fromQuery: true, description: 'County, town or community office' })
  areaId: number;

  @TextField({ max: 7, optional: true, pattern: /^\d{4}-Q[1-4]$/, patternText: '2026-Q4', example: '2026-Q4', description: 'A quarter (default: this one)' })
  period?: string;
}

export class MeetingStatsQuery {
  @IntField({ ...ID, fromQuery: true, description: 'County, town or community office' })
  areaId: number;

  @TextField({ max: 7, pattern: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, patternText: '2026-Q4, 2026-10 or 2026', example: '2026', description: 'A quarter, a month or a year (Asia/Shanghai)' })
  period: string;
}
