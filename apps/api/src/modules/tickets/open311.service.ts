import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_TICKET_CATEGORIES, OPEN_TICKET_STATES, TICKET_STATE_LABELS, type TicketKind } from '@wuye/contracts';
import { DomainError, notFound } from '../../common/errors';
import { ParseIdPipe } from '../../common/id.pipe';
import { coarseCoordinate, scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { AuditService } from '../identity/audit.service';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { ContractsService } from '../org/contracts.service';
import { UploadsService } from '../uploads/uploads.service';
import { CategoriesService } from './categories.service';
import { CreateOpen311ClientDto, Open311CreateDto, Open311RequestsQuery } from './dto/open311.dto';
import { Open311Client } from './open311-client.entity';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

/** GeoReport v2 errors are lists of {code, description} with the HTTP status as code; the filter renders this. */
export class Open311Error extends DomainError {
  constructor(status: 400 | 403 | 404, description: string) {
    super(status, status === 400 ? 'VALIDATION_FAILED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', description);
  }
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const KIND_BY_CATEGORY: Record<string, TicketKind> = { fire: 'hazard', safety: 'hazard', noise: 'complaint', parking: 'complaint' };
const MAX_RESULTS = 1000;

/**
 * Open311 GeoReport v2 over the estates' public tickets: services are ticket categories, requests are tickets,
 * jurisdiction_id is the estate's code. A hotline (12345) with an API key files tickets. No personal data leaves.
 */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly categories: CategoriesService,
    private readonly tickets: TicketsService,
    private readonly contracts: ContractsService,
    private readonly uploads: UploadsService,
    private readonly audit: AuditService,
  ) {}

  private async jurisdiction(code: string | undefined): Promise<Community> {
    if (!code) throw new Open311Error(400, 'jurisdiction_id is required (the estate code)');
    const community = await this.db.getRepository(Community).findOneBy({ code });
    if (!community) throw new Open311Error(404, `jurisdiction_id ${code} not found`);
    return community;
  }

  async services(jurisdictionId?: string) {
    const community = await this.jurisdiction(jurisdictionId);
    const rows = (await this.categories.rows(community.id)).filter((c) => c.active);
    return rows.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: `${c.name}：${c.responseMinutes} 分钟内受理，${Math.round(c.resolutionMinutes / 60)} 小时内办结${c.emergency ? '（紧急）' : ''}`,
      metadata: false,
      type: 'realtime',
      keywords: DEFAULT_TICKET_CATEGORIES.some((d) => d.code === c.code) ? c.code : 'custom',
      group: c.emergency ? '紧急' : '一般',
    }));
  }

  async service(code: string, jurisdictionId?: string) {
    const community = await this.jurisdiction(jurisdictionId);
    const found = (await this.categories.rows(community.id)).find((c) => c.code === code && c.active);
    if (!found) throw new Open311Error(404, `service_code ${code} not found`);
    return { service_code: found.code, attributes: [] };
  }

  async requests(query: Open311RequestsQuery) {
    const community = await this.jurisdiction(query.jurisdiction_id);
    const qb = this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where("t.communityId = :c AND t.visibility = 'public' AND t.heldForReview = :held AND t.state <> 'cancelled'", { c: community.id, held: false });
    if (query.service_request_id) {
      qb.andWhere('t.id IN (:...ids)', { ids: query.service_request_id.split(',').map((id) => new ParseIdPipe().transform(id)).slice(0, MAX_RESULTS) });
    } else {
      const end = this.date(query.end_date, 'end_date') ?? new Date();
      const start = this.date(query.start_date, 'start_date') ?? new Date(end.getTime() - 90 * 86400_000);
      qb.andWhere('t.createdAt >= :start AND t.createdAt <= :end', { start, end });
      if (query.service_code) qb.andWhere('t.categoryCode = :code', { code: query.service_code });
      if (query.status) qb.andWhere(`t.state ${query.status === 'open' ? 'IN' : 'NOT IN'} (:...open)`, { open: OPEN_TICKET_STATES });
    }
    const tickets = await qb.orderBy('t.id', 'DESC').limit(MAX_RESULTS).getMany();
    return this.present(community, tickets);
  }

  async request(id: number, jurisdictionId?: string) {
    const community = await this.jurisdiction(jurisdictionId);
    const ticket = await this.db.getRepository(Ticket).findOneBy({ id, communityId: community.id, visibility: 'public', heldForReview: false });
    // A ticket its reporter withdrew is no longer public.
    if (!ticket || ticket.state === 'cancelled') throw new Open311Error(404, `service_request_id ${id} not found`);
    return this.present(community, [ticket]);
  }

  async create(dto: Open311CreateDto) {
    const client = await this.db.getRepository(Open311Client).findOneBy({ keyHash: hashKey(dto.api_key) });
    if (!client || client.revokedAt) throw new Open311Error(403, 'api_key is not valid');
    const community = await this.jurisdiction(dto.jurisdiction_id);
    const area = await this.db.getRepository(Area).findOneBy({ id: client.areaId });
    if (!area || !community.areaPath.startsWith(area.path)) throw new Open311Error(403, 'api_key is not valid for this jurisdiction');
    const category = (await this.categories.rows(community.id)).find((c) => c.code === dto.service_code && c.active);
    if (!category) throw new Open311Error(404, `service_code ${dto.service_code} not found`);
    const { id } = await this.tickets.insertTicket(
      {
        communityId: community.id,
        kind: KIND_BY_CATEGORY[category.code] ?? 'repair',
        categoryCode: category.code,
        description: dto.description,
        photoIds: [],
        place: dto.address_string ?? null,
        lat: dto.lat ?? null,
        long: dto.long ?? null,
      },
      { reporterId: null, source: '12345', idempotencyKey: null, heldForReview: false, reporterMask: client.name },
    );
    return [{ service_request_id: String(id), service_notice: `已转${community.name}物业受理，${category.responseMinutes} 分钟内响应`, account_id: null }];
  }

  private date(text: string | undefined, field: string): Date | null {
    if (!text) return null;
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${field} must be an ISO 8601 date`);
    return d;
  }

  private async present(community: Community, tickets: Ticket[]) {
    const company = (await this.contracts.managingCompanies([community.id])).get(community.id);
    const photos = await this.uploads.findByIds(tickets.map((t) => t.photoIds[0]).filter((x): x is number => x !== undefined));
    return Promise.all(
      tickets.map(async (t) => {
        const photo = photos.find((p) => p.id === t.photoIds[0] && p.moderation !== 'risky');
        const closed = !OPEN_TICKET_STATES.includes(t.state);
        return {
          service_request_id: String(t.id),
          status: closed ? 'closed' : 'open',
          status_notes: TICKET_STATE_LABELS[t.state],
          service_name: t.categoryName,
          service_code: t.categoryCode,
          description: scrubPersonal(t.description),
          agency_responsible: company?.name ?? null,
          service_notice: null,
          requested_datetime: t.createdAt.toISOString(),
          updated_datetime: t.updatedAt.toISOString(),
          expected_datetime: t.resolutionDueAt.toISOString(),
          address: t.place ? `${community.name} ${scrubPersonal(t.place)}` : community.name,
          address_id: null,
          zipcode: null,
          lat: coarseCoordinate(t.lat),
          long: coarseCoordinate(t.long),
          media_url: photo ? await this.uploads.fileUrl(photo.storageKey, true) : null,
        };
      }),
    );
  }

  // ─── API keys (platform admins) ───────────────────────────────────────────────────────────────────────

  async createClient(dto: CreateOpen311ClientDto, caller: Principal) {
    if (!(await this.db.getRepository(Area).existsBy({ id: dto.areaId }))) throw notFound('area');
    const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
    const saved = await this.db.getRepository(Open311Client).save(this.db.getRepository(Open311Client).create({ name: dto.name, areaId: dto.areaId, keyHash: hashKey(apiKey), revokedAt: null }));
    await this.audit.record({ actorId: caller.userId, action: 'open311.client.create', entityType: 'open311_client', entityId: saved.id, after: { name: dto.name, areaId: dto.areaId } });
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
    await this.audit.record({ actorId: caller.userId, action: 'open311.client.revoke', entityType: 'open311_client', entityId: id });
    return { id, name: client.name, areaId: client.areaId, revoked: true };
  }
}
