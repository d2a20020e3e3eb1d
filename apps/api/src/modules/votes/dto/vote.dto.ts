import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import {
  PAPER_BALLOT_STEPS,
  VOTE_ACTIONS,
  VOTE_DOCUMENTS_MAX,
  VOTE_MATTERS,
  VOTE_OPTION_MAX,
  VOTE_OPTIONS_MAX,
  VOTE_OPTIONS_MIN,
  VOTE_STATE_LABELS,
  VOTE_TEXT_MAX,
  VOTE_TITLE_MAX,
  type CastBallotInput,
  type CreateVoteInput,
  type PaperBallotStep,
  type PaperBallotStepInput,
  type UpdateVoteInput,
  type VoteAction,
  type VoteMatter,
  type VoteState,
  type VoteStepInput,
} from '@wuye/contracts';
import { EnumField, IdListField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

export class CreateVoteDto implements CreateVoteInput {
  @IntField(ID)
  communityId: number;

  @EnumField(VOTE_MATTERS)
  matter: VoteMatter;

  @TextField({ max: VOTE_TITLE_MAX, example: '关于调整物业服务费标准的表决' })
  title: string;

  @TextField({ max: VOTE_TEXT_MAX })
  text: string;

  @ApiProperty({ type: [String], required: false, example: ['同意', '反对', '弃权'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(VOTE_OPTIONS_MIN)
  @ArrayMaxSize(VOTE_OPTIONS_MAX)
  @IsString({ each: true })
  @Length(1, VOTE_OPTION_MAX, { each: true })
  options?: string[];

  @IdListField(VOTE_DOCUMENTS_MAX)
  documentIds?: number[];

  @ApiProperty({ format: 'date-time', description: 'When voting ends; it starts when the community office approves.' })
  @IsISO8601({ strict: true })
  endsAt: string;
}

/** A draft's fields, any of them (the estate stays). */
export class UpdateVoteDto extends PartialType(OmitType(CreateVoteDto, ['communityId'] as const)) implements UpdateVoteInput {}

export class VoteStepDto implements VoteStepInput {
  @EnumField(VOTE_ACTIONS)
  step: VoteAction;

  @TextField({ max: 500, optional: true })
  note?: string;
}

/** 确认 or 退回 (with the reason) a paper ballot, by the community office. */
export class PaperBallotStepDto implements PaperBallotStepInput {
  @EnumField(PAPER_BALLOT_STEPS)
  step: PaperBallotStep;

  @TextField({ max: 500, optional: true })
  note?: string;
}

export class CastBallotDto implements CastBallotInput {
  @IntField(ID)
  houseId: number;

  @IntField({ min: 0, max: VOTE_OPTIONS_MAX - 1 })
  choice: number;

  @IntField({ ...ID, optional: true, description: 'A paper ballot entered by the committee: the upload id of its photo.' })
  paperPhotoId?: number;
}

export class VotesQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @EnumField(Object.keys(VOTE_STATE_LABELS), { optional: true })
  state?: VoteState;
}
