import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AreaView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { AreasService } from './areas.service';
import { CreateAreaDto, ListAreasQuery, UpdateAreaDto } from './dto/area.dto';

@ApiTags('org')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @SignedIn()
  list(@Query() query: ListAreasQuery): Promise<Page<AreaView>> {
    return this.areas.list(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', ParseIdPipe) id: number): Promise<AreaView> {
    return this.areas.get(id);
  }

  @Post()
  @Allow('org.admin')
  create(@Body() dto: CreateAreaDto, @Caller() caller: Principal): Promise<AreaView> {
    return this.areas.create(dto, caller);
  }

  @Patch(':id')
  @Allow('org.admin')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAreaDto, @Caller() caller: Principal): Promise<AreaView> {
    return this.areas.update(id, dto, caller);
  }
}
