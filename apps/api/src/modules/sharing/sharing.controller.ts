import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SHARE_CARD_KINDS, type GroupEnterInput, type GroupEnterResult, type ShareCard, type ShareCardKind } from '@wuye/contracts';
import { TextField } from '../../common/fields';
import { ParseIdPipe } from '../../common/id.pipe';
import { Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { SharingService } from './sharing.service';

export class GroupEnterDto implements GroupEnterInput {
  @TextField({ max: 8192 })
  encryptedData: string;

  @TextField({ max: 64 })
  iv: string;
}

const kindPipe = new ParseEnumPipe(Object.fromEntries(SHARE_CARD_KINDS.map((k) => [k, k])));

@ApiTags('sharing')
@ApiBearerAuth()
@Controller('share-cards')
export class SharingController {
  constructor(private readonly sharing: SharingService) {}

  /** What a shared card is (title, estate) and whether the caller may open it: never a bare 404 for a stranger. */
  @Get(':kind/:id')
  @SignedIn()
  card(@Param('kind', kindPipe) kind: ShareCardKind, @Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<ShareCard> {
    return this.sharing.card(kind, id, caller);
  }

  /** The card was opened from a WeChat group: the group's encrypted enter info, to count the group (not the person). */
  @Post(':kind/:id/group-enters')
  @HttpCode(200)
  @SignedIn()
  groupEnter(@Param('kind', kindPipe) kind: ShareCardKind, @Param('id', ParseIdPipe) id: number, @Body() dto: GroupEnterDto, @Caller() caller: Principal): Promise<GroupEnterResult> {
    return this.sharing.recordGroupEnter(kind, id, dto, caller);
  }
}
