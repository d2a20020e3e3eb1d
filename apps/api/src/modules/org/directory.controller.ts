import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DirectoryCommunity, Page } from '@wuye/contracts';
import { PageQuery } from '../../common/pagination';
import { TextField } from '../../common/fields';
import { Public } from '../identity/access.decorators';
import { CommunitiesService } from './communities.service';

export class DirectoryQuery extends PageQuery {
  @TextField({ max: 64, optional: true, description: 'Part of the name' })
  q?: string;
}

/** What anyone may see of the estates of the county: no personal data. */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly communities: CommunitiesService) {}

  @Get('communities')
  @Public()
  communitiesList(@Query() query: DirectoryQuery): Promise<Page<DirectoryCommunity>> {
    return this.communities.directory(query);
  }
}
