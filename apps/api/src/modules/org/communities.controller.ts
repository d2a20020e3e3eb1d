import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BuildingView, CommunityView, HouseImportResult, HouseView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { SingleFileUpload, UploadedFile, requireFile, type UploadedFileData } from '../../common/upload';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CommunitiesService } from './communities.service';
import { CreateCommunityDto, ListCommunitiesQuery, UpdateCommunityDto } from './dto/community.dto';
import { CreateBuildingDto, CreateHouseDto, ImportHousesQuery, ListHousesQuery, UpdateHouseDto } from './dto/house.dto';
import { HousesService } from './houses.service';

const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class CommunitiesController {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly houses: HousesService,
  ) {}

  @Get('communities')
  @Allow('community.read')
  list(@Query() query: ListCommunitiesQuery, @Caller() caller: Principal): Promise<Page<CommunityView>> {
    return this.communities.list(query, caller);
  }

  @Get('communities/:id')
  @Allow('community.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<CommunityView> {
    return this.communities.get(id, caller);
  }

  @Post('communities')
  @Allow('org.admin')
  create(@Body() dto: CreateCommunityDto, @Caller() caller: Principal): Promise<CommunityView> {
    return this.communities.create(dto, caller);
  }

  @Patch('communities/:id')
  @Allow('org.admin')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateCommunityDto, @Caller() caller: Principal): Promise<CommunityView> {
    return this.communities.update(id, dto, caller);
  }

  @Get('communities/:id/buildings')
  @Allow('houses.read')
  buildings(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<BuildingView[]> {
    return this.houses.listBuildings(id, caller);
  }

  @Post('communities/:id/buildings')
  @Allow('houses.manage')
  createBuilding(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateBuildingDto, @Caller() caller: Principal): Promise<BuildingView> {
    return this.houses.createBuilding(id, dto, caller);
  }

  @Get('communities/:id/houses')
  @Allow('houses.read')
  listHouses(@Param('id', ParseIdPipe) id: number, @Query() query: ListHousesQuery, @Caller() caller: Principal): Promise<Page<HouseView>> {
    return this.houses.listHouses(id, query, caller);
  }

  /** 批量导入楼栋房屋: CSV or .xlsx with columns 楼栋, 单元, 楼层, 房号, 建筑面积, 类型. All rows or none. */
  @Post('communities/:id/houses/import')
  @Allow('houses.manage')
  @SingleFileUpload(IMPORT_MAX_BYTES, 'CSV (UTF-8 or GBK) or .xlsx, at most 5 MB')
  importHouses(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ImportHousesQuery,
    @UploadedFile() file: UploadedFileData | undefined,
    @Caller() caller: Principal,
  ): Promise<HouseImportResult> {
    return this.houses.importHouses(id, requireFile(file).buffer, query.dryRun ?? false, caller);
  }

  @Get('houses/:id')
  @Allow('houses.read')
  getHouse(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<HouseView> {
    return this.houses.getHouse(id, caller);
  }

  @Post('houses')
  @Allow('houses.manage')
  createHouse(@Body() dto: CreateHouseDto, @Caller() caller: Principal): Promise<HouseView> {
    return this.houses.createHouse(dto, caller);
  }

  @Patch('houses/:id')
  @Allow('houses.manage')
  updateHouse(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateHouseDto, @Caller() caller: Principal): Promise<HouseView> {
    return this.houses.updateHouse(id, dto, caller);
  }
}
