import { Body, CallHandler, Controller, ExecutionContext, Get, Headers, HttpCode, Injectable, NestInterceptor, Param, Post, Query, Req, UseInterceptors, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { TICKET_PHOTOS_MAX } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { readIdempotencyKey } from '../../common/idempotency';
import { MultipartFiles, UploadedFiles, type UploadedFileData } from '../../common/upload';
import { Allow, Caller, Public } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CreateOpen311ClientDto } from './dto/open311.dto';
import { open311Format, renderOpen311, type Open311Body } from './open311-format';
import { Open311Error, open311Params } from './open311-input';
import { Open311Service } from './open311.service';

/** Writes the answer in the format of the URL's extension (.xml or .json). */
@Injectable()
class Open311Reply implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<string> {
    const http = context.switchToHttp();
    const format = open311Format(http.getRequest<FastifyRequest>().url) ?? 'json';
    return next.handle().pipe(
      map((body: Open311Body) => {
        const { text, contentType } = renderOpen311(body, format);
        void http.getResponse<FastifyReply>().type(contentType);
        return text;
      }),
    );
  }
}

/** `services/{code}.xml` arrives as one path segment: the part before the extension. */
function withoutExtension(segment: string): string {
  const m = /^(.+)\.(xml|json)$/i.exec(segment);
  if (!m) throw new Open311Error(404, 'Add .xml or .json to the URL');
  return m[1];
}

/** Both formats of a resource. */
const both = (resource: string) => [`${resource}.xml`, `${resource}.json`];

type Raw = Record<string, unknown>;

/**
 * GeoReport v2 as the spec and real clients have it (FixMyStreet, the open311 Ruby gem, three, CUTR's Java client):
 * every resource in XML and JSON, parameters from the query or the body, form-encoded or multipart posts. Errors
 * answer as its list of {code, description} in the same format (replyError does so for every /open311 path).
 */
@ApiTags('open311')
@Controller({ path: 'open311/v2', version: VERSION_NEUTRAL })
@UseInterceptors(Open311Reply)
@Public()
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get(both('discovery'))
  discovery(@Req() req: FastifyRequest) {
    return this.open311.discovery(`${req.protocol}://${req.host}`);
  }

  @Get(both('services'))
  services(@Query() query: Raw) {
    return this.open311.services(open311Params(query));
  }

  @Get('services/:code')
  service(@Param('code') code: string, @Query() query: Raw) {
    return this.open311.service(withoutExtension(code), open311Params(query));
  }

  @Get(both('requests'))
  requests(@Query() query: Raw) {
    return this.open311.requests(open311Params(query));
  }

  /** A hotline (12345) files a ticket with its api_key: form-encoded, multipart (photos as `media`) or JSON. */
  @Post(both('requests'))
  @HttpCode(200)
  @MultipartFiles({
    maxBytes: 10 * 1024 * 1024,
    maxFiles: TICKET_PHOTOS_MAX,
    maxFields: 100,
    // `media`: the spec's photo (three, CUTR's client); photo1, photo2…: FixMyStreet's (Open311.pm _add_photos_to_upload).
    fileField: (name) => name === 'media' || /^photo\d+$/.test(name),
    otherFile: () => null,
  })
  create(@Query() query: Raw, @Body() body: Raw, @UploadedFiles() media: UploadedFileData[], @Headers('idempotency-key') key: string | undefined) {
    return this.open311.create(open311Params(query, body), media, readIdempotencyKey(key));
  }

  @Get('requests/:id')
  request(@Param('id') id: string, @Query() query: Raw) {
    return this.open311.request(withoutExtension(id), open311Params(query));
  }

  /** mySociety's extension: what changed on the tickets, so a 12345 platform need not ask for each one. */
  @Get(both('servicerequestupdates'))
  updates(@Query() query: Raw) {
    return this.open311.updates(open311Params(query));
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
