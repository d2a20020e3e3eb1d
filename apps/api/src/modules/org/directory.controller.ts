import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DirectoryBuilding, DirectoryCommunity, DirectoryHouse, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { PageQuery } from '../../common/pagination';
import { TextField } from '../../common/fields';
import { Public, SignedIn } from '../identity/access.decorators';
import { CommunitiesService } from './communities.service';
import { HousesService } from './houses.service';

export class DirectoryQuery extends PageQuery {
  @TextField({ max: 64, optional: true, description: 'Part of the name' })
  q?: string;
}

/** What anyone may see of the estates of the county: no personal data. */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly houses: HousesService,
  ) {}

  @Get('communities')
  @Public()
  communitiesList(@Query() query: DirectoryQuery): Promise<Page<DirectoryCommunity>> {
    return this.communities.directory(query);
  }

  /** Buildings of an estate, for the binding form (signed-in users; no personal data). */
  @Get('communities/:id/buildings')
  @ApiBearerAuth()
  @SignedIn()
  buildings(@Param('id', ParseIdPipe) id: number): Promise<DirectoryBuilding[]> {
    return this.houses.directoryBuildings(id);
  }

  /** Rooms of a building, for the binding form: labels only, never who lives there. */
  @Get('buildings/:id/houses')
  @ApiBearerAuth()
  @SignedIn()
  housesOf(@Param('id', ParseIdPipe) id: number): Promise<DirectoryHouse[]> {
    return this.houses.directoryHouses(id);
  }
}
