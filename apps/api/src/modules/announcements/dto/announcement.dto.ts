import { ANNOUNCEMENT_ATTACHMENTS_MAX, ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX, type AnnouncementInput } from '@wuye/contracts';
import { BoolField, DateField, IdListField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

export class AnnouncementDto implements AnnouncementInput {
  @TextField({ max: ANNOUNCEMENT_TITLE_MAX, example: '6月12日停水通知' })
  title: string;

  @TextField({ max: ANNOUNCEMENT_BODY_MAX, example: '因市政管网检修，6月12日9:00–17:00全小区停水，请提前储水。' })
  body: string;

  @IdListField(ANNOUNCEMENT_ATTACHMENTS_MAX)
  attachmentIds?: number[];

  @BoolField({ optional: true })
  pinned?: boolean;

  @DateField({ optional: true, description: 'The last day it is shown (Asia/Shanghai); none: until withdrawn' })
  expiresOn?: string;
}

export class AnnouncementsQuery extends PageQuery {
  @QueryBoolField({ description: 'Every announcement, expired and withdrawn ones too (those who may post there)' })
  all?: boolean;
}
