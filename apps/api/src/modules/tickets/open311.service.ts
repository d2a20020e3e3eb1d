import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { Brackets, DataSource, In, IsNull, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { OPEN_TICKET_STATES, TICKET_STATE_LABELS, w3cShanghai, type TicketKind, type TicketState } from '@wuye/contracts';
import { storageConfig, type StorageConfig } from '../../config';
import { DomainError, notFound } from '../../common/errors';
import { coarseCoordinate, scrubPersonal } from '../../common/privacy';
import type { UploadedFileData } from '../../common/upload';
import type { Principal } from '../identity/principal';
import { AuditService } from '../identity/audit.service';
import { areaCovers } from '../identity/scope';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { ContractsService } from '../org/contracts.service';
import type { Upload } from '../uploads/upload.entity';
import { UploadsService } from '../uploads/uploads.service';
import { CategoriesService } from './categories.service';
import { CreateOpen311ClientDto } from './dto/open311.dto';
import type { Open311Body, Open311Value } from './open311-format';
import {
  OPEN311_ATTRIBUTES,
  OPEN311_PARTS,
  OPEN311_TICKET_SOURCE,
  Open311Error,
  commaList,
  dateRange,
  isRequestId,
  readAttributes,
  readDescription,
  readLocation,
  single,
  type Open311Params,
} from './open311-input';
import { Open311Client } from './open311-client.entity';
import { Open311Request } from './open311-request.entity';
import { TicketEvent } from './ticket-event.entity';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const KIND_BY_CATEGORY: Record<string, TicketKind> = { fire: 'hazard', safety: 'hazard', noise: 'complaint', parking: 'complaint' };
const MAX_RESULTS = 1000;
/** When this interface last changed (discovery's changeset). */
const CHANGESET = '2026-08-24T00:00:00+08:00';
/** What the property side writes to the reporter: the feedback a 12345 platform passes on. */
const PUBLIC_NOTE_ACTIONS = ['accept', 'reject', 'resolve'];
const open311Status = (state: TicketState) => (OPEN_TICKET_STATES.includes(state) ? 'open' : 'closed');

/**
 * Open311 GeoReport v2 over the estates' tickets: services are ticket categories, requests are tickets,
 * jurisdiction_id is the estate's code. Anyone reads the public tickets; a client with an API key (a 12345 hotline)
 * files tickets and also reads those it filed. No personal data leaves. Answers are Open311Body values, written as
 * XML or JSON by the controller.
 */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
    private readonly categories: CategoriesService,
    private readonly tickets: TicketsService,
    private readonly contracts: ContractsService,
    private readonly uploads: UploadsService,
    private readonly audit: AuditService,
  ) {}

  /** The estate jurisdiction_id names. */
  private async jurisdiction(params: Open311Params): Promise<Community> {
    const code = single(params, 'jurisdiction_id', 64);
    if (!code) throw new Open311Error(400, 'jurisdiction_id is required (the estate code)');
    const community = await this.db.getRepository(Community).findOneBy({ code });
    if (!community) throw new Open311Error(404, `jurisdiction_id ${code} not found`);
    return community;
  }

  /** The client whose api_key came, allowed in this estate; null when none came and none is needed. */
  private async client(params: Open311Params, community: Community, required: boolean): Promise<Open311Client | null> {
    const key = single(params, 'api_key', 200);
    if (!key) {
      if (required) throw new Open311Error(403, 'api_key is required');
      return null;
    }
    const client = await this.db.getRepository(Open311Client).findOneBy({ keyHash: hashKey(key) });
    if (!client || client.revokedAt) throw new Open311Error(403, 'api_key is not valid');
    const area = await this.db.getRepository(Area).findOneBy({ id: client.areaId });
    if (!area || !areaCovers(area, community.areaPath)) throw new Open311Error(403, 'api_key is not valid for this jurisdiction');
    return client;
  }

  /** Where the API is reached from outside (PUBLIC_BASE_URL), else where this request came to. */
  baseUrl(requestOrigin: string): string {
    return this.storage.publicBaseUrl ?? requestOrigin;
  }

  discovery(requestOrigin: string): Open311Body {
    return {
      root: 'discovery',
      value: {
        changeset: CHANGESET,
        contact: '物业通 Open311：接入密钥由平台管理员发放（每个 12345 热线一个）',
        key_service: '请联系县住建局平台管理员申请 api_key',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${this.baseUrl(requestOrigin)}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      },
    };
  }

  async services(params: Open311Params): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const rows = (await this.categories.rows(community.id)).filter((c) => c.active);
    return {
      root: 'services',
      value: rows.map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: `${c.name}：${c.responseMinutes} 分钟内受理，${Math.round(c.resolutionMinutes / 60)} 小时内办结${c.emergency ? '（紧急）' : ''}`,
        metadata: true,
        type: 'realtime',
        keywords: c.emergency ? 'emergency' : '',
        group: c.emergency ? '紧急' : '一般',
      })),
    };
  }

  async service(code: string, params: Open311Params): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const found = (await this.categories.rows(community.id)).find((c) => c.code === code && c.active);
    if (!found) throw new Open311Error(404, `service_code ${code} not found`);
    return {
      root: 'service_definition',
      value: {
        service_code: found.code,
        attributes: OPEN311_ATTRIBUTES.map((a, i) => ({
          variable: a.variable,
          code: a.code,
          datatype: a.datatype,
          required: false,
          datatype_description: null,
          order: i + 1,
          description: a.description,
          ...(a.variable ? {} : { automated: 'server_set' }),
          ...(a.values ? { values: a.values } : {}),
        })),
      },
    };
  }

  /** The tickets this caller reads in the estate: public ones, and those its api_key filed. */
  private visible<T extends SelectQueryBuilder<ObjectLiteral>>(qb: T, community: Community, client: Open311Client | null): T {
    qb.where('t.communityId = :community', { community: community.id }).andWhere(
      new Brackets((w) => {
        w.where("t.visibility = 'public' AND t.heldForReview = :held AND t.state <> 'cancelled'", { held: false });
        if (client) w.orWhere('t.id IN (SELECT r.ticket_id FROM open311_request r WHERE r.client_id = :client)', { client: client.id });
      }),
    );
    return qb;
  }

  async requests(params: Open311Params): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const client = await this.client(params, community, false);
    const qb = this.visible(this.db.getRepository(Ticket).createQueryBuilder('t'), community, client);
    const ids = commaList(params, 'service_request_id');
    if (ids.length) {
      // Given ids, the other filters do not apply (GeoReport v2); an id that is none of ours is simply not found.
      const known = ids.filter(isRequestId).map(Number);
      if (!known.length) return { root: 'service_requests', value: [] };
      qb.andWhere('t.id IN (:...ids)', { ids: known });
    } else {
      const { start, end } = dateRange(params);
      qb.andWhere('t.createdAt >= :start AND t.createdAt <= :end', { start, end });
      const codes = commaList(params, 'service_code');
      if (codes.length) qb.andWhere('t.categoryCode IN (:...codes)', { codes });
      const statuses = commaList(params, 'status');
      const wrong = statuses.find((s) => s !== 'open' && s !== 'closed');
      if (wrong) throw new Open311Error(400, `status must be open or closed (got ${wrong.slice(0, 20)})`);
      if (statuses.length === 1) qb.andWhere(`t.state ${statuses[0] === 'open' ? 'IN' : 'NOT IN'} (:...open)`, { open: OPEN_TICKET_STATES });
    }
    const tickets = await qb.orderBy('t.id', 'DESC').limit(MAX_RESULTS).getMany();
    return { root: 'service_requests', value: await this.present(community, tickets) };
  }

  /** requests/{id}: an id that is malformed, unknown or not visible answers 404 alike. */
  async request(idText: string, params: Open311Params): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const client = await this.client(params, community, false);
    const ticket = isRequestId(idText)
      ? await this.visible(this.db.getRepository(Ticket).createQueryBuilder('t'), community, client).andWhere('t.id = :id', { id: Number(idText) }).getOne()
      : null;
    if (!ticket) throw new Open311Error(404, `service_request_id ${idText.slice(0, 20)} not found`);
    return { root: 'service_requests', value: await this.present(community, [ticket]) };
  }

  /**
   * servicerequestupdates (mySociety's extension): each change of a ticket's state in the date range, with the
   * property side's note, oldest first, so a 12345 platform learns of feedback without asking for every request.
   */
  async updates(params: Open311Params): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const client = await this.client(params, community, false);
    const { start, end } = dateRange(params);
    const events = await this.visible(this.db.getRepository(TicketEvent).createQueryBuilder('e').innerJoin(Ticket, 't', 't.id = e.ticketId'), community, client)
      .andWhere('e.createdAt >= :start AND e.createdAt <= :end', { start, end })
      .andWhere('e.fromState IS NOT NULL AND e.toState IS NOT NULL AND e.fromState <> e.toState')
      .orderBy('e.id', 'ASC')
      .limit(MAX_RESULTS)
      .getMany();
    const photos = await this.photoUrls(events.map((e) => e.photoIds[0]));
    return {
      root: 'service_request_updates',
      value: events.map((e) => ({
        update_id: String(e.id),
        service_request_id: String(e.ticketId),
        status: open311Status(e.toState as TicketState),
        updated_datetime: w3cShanghai(e.createdAt),
        description: scrubPersonal(e.note) || TICKET_STATE_LABELS[e.toState as TicketState],
        media_url: photos.get(e.photoIds[0]) ?? null,
      })),
    };
  }

  /**
   * POST requests: a hotline files a ticket. The same request sent again (the client's own id in
   * attribute[fixmystreet_id], or the same Idempotency-Key) answers with the ticket it made the first time.
   */
  async create(params: Open311Params, media: UploadedFileData[], idempotencyKey: string | undefined): Promise<Open311Body> {
    const community = await this.jurisdiction(params);
    const client = (await this.client(params, community, true)) as Open311Client;
    const serviceCode = single(params, 'service_code', 32);
    if (!serviceCode) throw new Open311Error(400, 'service_code is required');
    const category = (await this.categories.rows(community.id)).find((c) => c.code === serviceCode && c.active);
    if (!category) throw new Open311Error(404, `service_code ${serviceCode} not found`);
    const attributes = readAttributes(params, serviceCode);
    const location = readLocation(params);
    const description = readDescription(params);
    const own = attributes.fixmystreet_id;
    const clientKey = typeof own === 'string' ? `fixmystreet_id:${own}` : idempotencyKey ? `idempotency_key:${idempotencyKey}` : null;
    const earlier = () => (clientKey ? this.answerFor(client.id, clientKey) : Promise.resolve(null));
    const replay = await earlier();
    if (replay) return replay;

    const uploaderId = media.length ? await this.uploaderOf(client) : undefined;
    const photoIds: number[] = [];
    for (const file of media) photoIds.push((await this.uploads.upload(file.buffer, uploaderId as number)).id);
    const parts = Array.isArray(attributes.parts) ? `涉及部位：${attributes.parts.map((p) => OPEN311_PARTS[p]).join('、')}` : null;
    const serviceNotice = `已转${community.name}物业受理，${category.responseMinutes} 分钟内响应`;
    let ticket: Ticket;
    try {
      ticket = await this.tickets.insertTicket(
        {
          communityId: community.id,
          kind: (attributes.kind as TicketKind | undefined) ?? KIND_BY_CATEGORY[category.code] ?? 'repair',
          categoryCode: category.code,
          description: [description ?? `${category.name}（${client.name}转来，未附描述）`, parts].filter(Boolean).join('\n'),
          photoIds,
          place: location.addressString,
          lat: location.lat,
          long: location.long,
        },
        { reporterId: null, source: OPEN311_TICKET_SOURCE, idempotencyKey: null, heldForReview: false, reporterMask: client.name, photoOwnerId: uploaderId },
        (m, saved) => m.getRepository(Open311Request).insert({ clientId: client.id, ticketId: saved.id, clientKey, attributes, addressId: location.addressId, serviceNotice }),
      );
    } catch (error) {
      // The same request twice at once: the other one filed it; answer with that ticket.
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    return this.answer(ticket.id, serviceNotice);
  }

  private answer(ticketId: number, serviceNotice: string): Open311Body {
    return { root: 'service_requests', value: [{ service_request_id: String(ticketId), service_notice: serviceNotice, account_id: null }] };
  }

  private async answerFor(clientId: number, clientKey: string): Promise<Open311Body | null> {
    const row = await this.db.getRepository(Open311Request).findOneBy({ clientId, clientKey });
    return row ? this.answer(row.ticketId, row.serviceNotice) : null;
  }

  /** The account a client's photos are uploaded as, made the first time it sends one. */
  private async uploaderOf(client: Open311Client): Promise<number> {
    if (client.userId !== null) return client.userId;
    const user = await this.db.getRepository(User).save(this.db.getRepository(User).create({ displayName: client.name.slice(0, 64), openid: null, unionid: null, devKey: null, disabledAt: null }));
    await this.db.getRepository(Open311Client).update({ id: client.id, userId: IsNull() }, { userId: user.id });
    // Two first photos at once: both use the account that was stored first.
    return (await this.db.getRepository(Open311Client).findOneByOrFail({ id: client.id })).userId as number;
  }

  /** Absolute links to these photos (PUBLIC_BASE_URL or the object store), none for photos judged risky. */
  private async photoUrls(ids: (number | undefined)[]): Promise<Map<number, string>> {
    const urls = new Map<number, string>();
    const photos: Upload[] = await this.uploads.findByIds(ids.filter((id): id is number => id !== undefined));
    for (const photo of photos.filter((p) => p.moderation !== 'risky')) {
      const url = await this.uploads.fileUrl(photo.storageKey, true);
      if (/^https?:\/\//.test(url)) urls.set(photo.id, url);
    }
    return urls;
  }

  private async present(community: Community, tickets: Ticket[]): Promise<Open311Value[]> {
    if (!tickets.length) return [];
    const company = (await this.contracts.managingCompanies([community.id])).get(community.id);
    const ids = tickets.map((t) => t.id);
    const photos = await this.photoUrls(tickets.map((t) => t.photoIds[0]));
    const filed = new Map((await this.db.getRepository(Open311Request).findBy({ ticketId: In(ids) })).map((r) => [r.ticketId, r]));
    const notes = new Map<number, string>();
    const noted = await this.db.getRepository(TicketEvent).find({ where: { ticketId: In(ids), action: In(PUBLIC_NOTE_ACTIONS) }, order: { id: 'DESC' } });
    for (const e of noted) if (e.note && !notes.has(e.ticketId)) notes.set(e.ticketId, scrubPersonal(e.note));
    return tickets.map((t) => ({
      service_request_id: String(t.id),
      status: open311Status(t.state),
      status_notes: notes.get(t.id) ?? TICKET_STATE_LABELS[t.state],
      service_name: t.categoryName,
      service_code: t.categoryCode,
      description: scrubPersonal(t.description),
      agency_responsible: company?.name ?? null,
      service_notice: filed.get(t.id)?.serviceNotice ?? null,
      requested_datetime: w3cShanghai(t.createdAt),
      updated_datetime: w3cShanghai(t.updatedAt),
      expected_datetime: w3cShanghai(t.resolutionDueAt),
      address: t.place ? `${community.name} ${scrubPersonal(t.place)}` : community.name,
      address_id: filed.get(t.id)?.addressId ?? null,
      zipcode: null,
      lat: coarseCoordinate(t.lat),
      long: coarseCoordinate(t.long),
      media_url: photos.get(t.photoIds[0]) ?? null,
    }));
  }

  // ─── API keys (platform admins) ───────────────────────────────────────────────────────────────────────

  async createClient(dto: CreateOpen311ClientDto, caller: Principal) {
    if (!(await this.db.getRepository(Area).existsBy({ id: dto.areaId }))) throw notFound('area');
    const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
    const saved = await this.db.getRepository(Open311Client).save(this.db.getRepository(Open311Client).create({ name: dto.name, areaId: dto.areaId, keyHash: hashKey(apiKey), revokedAt: null, userId: null }));
    await this.audit.record({ by: caller, action: 'open311.client.create', entityType: 'open311_client', entityId: saved.id, after: { name: dto.name, areaId: dto.areaId } });
    return { id: saved.id, name: saved.name, areaId: saved.areaId, apiKey, revoked: false };
  }

  async listClients() {
    const rows = await this.db.getRepository(Open311Client).find({ order: { id: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, areaId: c.areaId, revoked: c.revokedAt !== null }));
  }

  async revokeClient(id: number, caller: Principal) {
    const client = await this.db.getRepository(Open311Client).findOneBy({ id });
    if (!client) throw new DomainError(404, 'NOT_FOUND', '未找到该接入方');
    await this.db.getRepository(Open311Client).update(id, { revokedAt: new Date() });
    await this.audit.record({ by: caller, action: 'open311.client.revoke', entityType: 'open311_client', entityId: id });
    return { id, name: client.name, areaId: client.areaId, revoked: true };
  }
}
