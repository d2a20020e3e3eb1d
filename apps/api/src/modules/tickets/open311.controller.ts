import { Body, Controller, Get, HttpCode, Param, Post, Query, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, Public } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CreateOpen311ClientDto, Open311CreateDto, Open311JurisdictionQuery, Open311RequestsQuery } from './dto/open311.dto';
import { Open311Service } from './open311.service';

/** The router gives `requests/{id}.json` as one path segment: the id before ".json". */
const stripJson = (text: string) => text.replace(/\.json$/, '');

/** GeoReport v2. Errors answer as its list of {code, description} (replyError does so for every /open311 path). */
@ApiTags('open311')
@Controller({ path: 'open311/v2', version: VERSION_NEUTRAL })
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get('services.json')
  @Public()
  services(@Query() query: Open311JurisdictionQuery) {
    return this.open311.services(query.jurisdiction_id);
  }

  @Get('services/:code')
  @Public()
  service(@Param('code') code: string, @Query() query: Open311JurisdictionQuery) {
    return this.open311.service(stripJson(code), query.jurisdiction_id);
  }

  @Get('requests.json')
  @Public()
  requests(@Query() query: Open311RequestsQuery) {
    return this.open311.requests(query);
  }

  /** A hotline (12345) files a ticket with its api_key (JSON or form-encoded). */
  @Post('requests.json')
  @HttpCode(201)
  @Public()
  create(@Body() dto: Open311CreateDto) {
    return this.open311.create(dto);
  }

  @Get('requests/:id')
  @Public()
  request(@Param('id') id: string, @Query() query: Open311JurisdictionQuery) {
    return this.open311.request(new ParseIdPipe().transform(stripJson(id)), query.jurisdiction_id);
  }
}

/** API keys for Open311 intake (platform admins). The key is shown once. */
@ApiTags('open311')
@ApiBearerAuth()
@Controller('open311-clients')
export class Open311ClientsController {
  constructor(private readonly open311: Open311Service) {}

  @Get()
  @Allow('org.admin')
  list() {
    return this.open311.listClients();
  }

  @Post()
  @Allow('org.admin')
  create(@Body() dto: CreateOpen311ClientDto, @Caller() caller: Principal) {
    return this.open311.createClient(dto, caller);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Allow('org.admin')
  revoke(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal) {
    return this.open311.revokeClient(id, caller);
  }
}

