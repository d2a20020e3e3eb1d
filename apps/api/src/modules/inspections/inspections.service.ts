import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  RECTIFY_DAYS_DEFAULT,
  inspectionScore,
  rectificationDeadline,
  shanghaiDate,
  type InspectionSummary,
  type InspectionTemplateView,
  type InspectionView,
  type OrderCounts,
  type Page,
} from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import type { Principal } from '../identity/principal';
import { addressedScope, applyScope, areaCovers, areaPathIds, areaRoots, communityScopeFor, underAreas } from '../identity/scope';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { activeContractsQuery } from '../org/contracts.service';
import { PropertyCompany } from '../org/property-company.entity';
import { issuingArea } from '../oversight/oversight-scope';
import { Ticket } from '../tickets/ticket.entity';
import { UploadsService } from '../uploads/uploads.service';
import { CreateInspectionDto, InspectionsQuery, InspectionTemplateDto } from './dto/inspection.dto';
import { InspectionTemplate } from './inspection-template.entity';
import { Inspection, type RecordedItem } from './inspection.entity';
import { RectificationLifecycleService } from './rectification-lifecycle.service';
import { Rectification } from './rectification.entity';

/**
 * 动态监管: checklist templates per area, inspections recorded against them (scored from the weights), and the
 * rectification orders their failed items become. Residents of the estate see the summary only.
 */
@Injectable()
export class InspectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly orders: RectificationLifecycleService,
  ) {}

  // ─── Templates ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The templates an inspector may use: those of the estate's area and the areas above it; without an estate, those
   * of the caller's areas, above and below.
   */
  async templates(caller: Principal, communityId?: number): Promise<InspectionTemplateView[]> {
    const qb = this.db.getRepository(InspectionTemplate).createQueryBuilder('t').orderBy('t.id', 'ASC');
    if (communityId !== undefined) {
      const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
      if (!community || !caller.mayInCommunity('inspections.write', communityId)) throw notFound('community');
      qb.where('t.areaId IN (:...ids)', { ids: areaPathIds(community.areaPath) });
    } else {
      const roots = await areaRoots(this.db, caller, 'inspections.write');
      if (roots !== 'all') {
        if (!roots.length) return [];
        const above = roots.flatMap((r) => areaPathIds(r.path));
        const under = underAreas('a.path', roots.map((r) => r.path));
        const below = await this.db.getRepository(Area).createQueryBuilder('a').select('a.id', 'id').where(under.sql, under.params).getRawMany<{ id: number }>();
        qb.where('t.areaId IN (:...ids)', { ids: [...new Set([...above, ...below.map((b) => Number(b.id))])] });
      }
    }
    return this.templateViews(await qb.getMany(), caller);
  }

  async createTemplate(dto: InspectionTemplateDto, caller: Principal): Promise<InspectionTemplateView> {
    await this.templateArea(dto.areaId, caller);
    const saved = await this.db.getRepository(InspectionTemplate).save(this.db.getRepository(InspectionTemplate).create({ areaId: dto.areaId, ...this.templateContent(dto), updatedById: caller.userId }));
    return (await this.templateViews([saved], caller))[0];
  }

  /** A change applies to inspections from now on: those recorded keep the items they were checked against. */
  async updateTemplate(id: number, dto: InspectionTemplateDto, caller: Principal): Promise<InspectionTemplateView> {
    const template = await this.db.getRepository(InspectionTemplate).findOneBy({ id });
    if (!template) throw notFound('template');
    await this.templateArea(template.areaId, caller);
    if (dto.areaId !== template.areaId) throw invalid('检查表所属区域不能更改', { field: 'areaId' });
    await this.db.getRepository(InspectionTemplate).update(id, { ...this.templateContent(dto), updatedById: caller.userId });
    return (await this.templateViews([await this.db.getRepository(InspectionTemplate).findOneByOrFail({ id })], caller))[0];
  }

  private templateContent(dto: InspectionTemplateDto) {
    return { name: dto.name.trim(), items: dto.items.map((item, i) => ({ code: `i${i + 1}`, section: item.section, text: item.text.trim(), weight: item.weight })) };
  }

  /** An area whose templates the caller keeps (theirs or below), or 404. */
  private async templateArea(areaId: number, caller: Principal): Promise<Area> {
    const area = await this.db.getRepository(Area).findOneBy({ id: areaId });
    const roots = await areaRoots(this.db, caller, 'inspections.templates');
    if (!area || (roots !== 'all' && !roots.some((r) => areaCovers(r, area.path)))) throw notFound('area');
    return area;
  }

  private async templateViews(rows: InspectionTemplate[], caller: Principal): Promise<InspectionTemplateView[]> {
    if (!rows.length) return [];
    const areas = await this.db.getRepository(Area).findBy({ id: In(rows.map((t) => t.areaId)) });
    const roots = await areaRoots(this.db, caller, 'inspections.templates');
    return rows.map((t) => {
      const area = areas.find((a) => a.id === t.areaId);
      return {
        id: t.id,
        areaId: t.areaId,
        areaName: area?.name ?? '',
        name: t.name,
        items: t.items,
        updatedAt: t.updatedAt.toISOString(),
        can: { edit: roots === 'all' || (!!area && roots.some((r) => areaCovers(r, area.path))) },
      };
    });
  }

  // ─── Inspections ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Records an inspection and issues an order for each failed item to the company serving the estate. A draft sent
   * again with its Idempotency-Key (the phone was offline, the answer lost) returns the inspection already recorded.
   */
  async create(dto: CreateInspectionDto, caller: Principal, key?: string): Promise<{ inspection: InspectionView; replayed: boolean }> {
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community || !caller.mayInCommunity('inspections.write', dto.communityId)) throw notFound('community');
    const earlier = async () => {
      const row = key ? await this.db.getRepository(Inspection).findOneBy({ createdById: caller.userId, idempotencyKey: key }) : null;
      return row ? { inspection: (await this.views([row]))[0], replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;

    const template = await this.db.getRepository(InspectionTemplate).findOneBy({ id: dto.templateId });
    if (!template) throw notFound('template');
    if (!areaPathIds(community.areaPath).includes(template.areaId)) throw invalid('该检查表不适用于这个小区', { field: 'templateId' }, 'TEMPLATE_NOT_APPLICABLE');
    if (dto.inspectedOn > shanghaiDate()) throw invalid('检查日期不能晚于今天', { field: 'inspectedOn' });
    const items = this.recordItems(template, dto);
    const traced = [...new Set(dto.tracedTicketIds ?? [])];
    if (dto.kind === 'traced' && !traced.length) throw invalid('投诉溯源须关联被溯源的工单', { field: 'tracedTicketIds' });
    if (traced.length && (await this.db.getRepository(Ticket).countBy({ id: In(traced), communityId: community.id })) !== traced.length) {
      throw invalid('关联的工单须是本小区的工单', { field: 'tracedTicketIds' });
    }
    const inspectors = dto.inspectors.map((name) => name.trim()).filter(Boolean);
    if (!inspectors.length) throw invalid('请填写检查人员', { field: 'inspectors' });
    // Orders go to the company that serves the estate now: it is the one to put things right.
    const contract = await activeContractsQuery(this.db, shanghaiDate()).andWhere('sc.communityId = :id', { id: community.id }).getOne();
    const failed = items.filter((i) => i.result === 'fail');
    if (failed.length && !contract) throw invalid('该小区目前没有服务的物业企业，不合格项无法下发整改', { field: 'results' }, 'NO_SERVING_COMPANY');
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }), 'inspections.write');
    if (!area) throw notFound('community');
    const score = inspectionScore(items);

    let saved: Inspection;
    try {
      saved = await this.db.transaction(async (m) => {
        // Every photo is the inspector's own, unused upload; taken by this inspection and no other.
        await this.uploads.claim(
          items.flatMap((i) => i.photoIds),
          caller.userId,
          m,
        );
        const inspection = await m.getRepository(Inspection).save(
          m.getRepository(Inspection).create({
            communityId: community.id,
            areaPath: community.areaPath,
            companyId: contract?.companyId ?? null,
            templateId: template.id,
            templateName: template.name,
            kind: dto.kind,
            inspectedOn: dto.inspectedOn,
            inspectors,
            tracedTicketIds: traced,
            items,
            scoreTenths: score === null ? null : Math.round(score * 10),
            issuingAreaId: area.id,
            createdById: caller.userId,
            idempotencyKey: key ?? null,
          }),
        );
        const days = new Map(dto.results.map((r) => [r.code, r.rectifyDays ?? RECTIFY_DAYS_DEFAULT]));
        await this.orders.issue(
          m,
          failed.map((item) => ({
            inspectionId: inspection.id,
            communityId: community.id,
            areaPath: community.areaPath,
            companyId: contract!.companyId,
            section: item.section,
            itemCode: item.code,
            itemText: item.text,
            note: item.note ?? '',
            photoIds: item.photoIds,
            deadlineAt: rectificationDeadline(dto.inspectedOn, days.get(item.code) ?? RECTIFY_DAYS_DEFAULT),
            issuingAreaId: area.id,
          })),
          caller.userId,
        );
        return inspection;
      });
    } catch (error) {
      // The same draft sent twice at once: the other request recorded it; answer with that one.
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    return { inspection: (await this.views([saved]))[0], replayed: false };
  }

  /** Every item of the template exactly once, as recorded; a failed item says what is wrong. */
  private recordItems(template: InspectionTemplate, dto: CreateInspectionDto): RecordedItem[] {
    const byCode = new Map(dto.results.map((r) => [r.code, r]));
    if (byCode.size !== dto.results.length || byCode.size !== template.items.length || template.items.some((i) => !byCode.has(i.code))) {
      throw invalid('检查表已更新，请按最新的检查表重新填写', { field: 'results', codes: template.items.map((i) => i.code) }, 'INSPECTION_ITEMS_MISMATCH');
    }
    return template.items.map((item, index) => {
      const r = byCode.get(item.code)!;
      const note = r.note?.trim() || null;
      if (r.result === 'fail' && !note) throw invalid(`第 ${index + 1} 项不合格，请写明问题`, { field: 'results', code: item.code });
      if (r.result !== 'fail' && r.rectifyDays !== undefined) throw invalid(`第 ${index + 1} 项不是不合格，不设整改期限`, { field: 'results', code: item.code });
      return { ...item, result: r.result, note, photoIds: r.photoIds ?? [] };
    });
  }

  async list(query: InspectionsQuery, caller: Principal): Promise<Page<InspectionView>> {
    const qb = applyScope(this.db.getRepository(Inspection).createQueryBuilder('i'), addressedScope(caller, 'inspections.read', 'i.community_id', 'i.company_id'));
    if (query.communityId) qb.andWhere('i.communityId = :cid', { cid: query.communityId });
    const page = await keysetPage(qb, { columns: [{ expr: 'i.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (i) => [i.id] });
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<InspectionView> {
    const row = await applyScope(this.db.getRepository(Inspection).createQueryBuilder('i').where('i.id = :id', { id }), addressedScope(caller, 'inspections.read', 'i.community_id', 'i.company_id')).getOne();
    if (!row) throw notFound('inspection');
    return (await this.views([row]))[0];
  }

  /** What residents of the estate (and anyone who reads its tickets) see: date, kind, score, orders open and closed. */
  async summaries(communityId: number, query: InspectionsQuery, caller: Principal): Promise<Page<InspectionSummary>> {
    const qb = applyScope(this.db.getRepository(Inspection).createQueryBuilder('i'), communityScopeFor(caller, 'tickets.read', 'i.community_id', communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'i.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (i) => [i.id] });
    return { items: await this.summaryViews(page.items), nextCursor: page.nextCursor };
  }

  private async summaryViews(rows: Inspection[]): Promise<InspectionSummary[]> {
    if (!rows.length) return [];
    const communities = await this.db.getRepository(Community).findBy({ id: In([...new Set(rows.map((r) => r.communityId))]) });
    const counts = await this.orderCounts(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      communityId: r.communityId,
      communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
      kind: r.kind,
      inspectedOn: r.inspectedOn,
      score: r.scoreTenths === null ? null : r.scoreTenths / 10,
      orders: counts.get(r.id) ?? { issued: 0, open: 0, closed: 0, overdue: 0 },
    }));
  }

  private async orderCounts(inspectionIds: number[]): Promise<Map<number, OrderCounts>> {
    const rows = await this.db
      .getRepository(Rectification)
      .createQueryBuilder('r')
      .select('r.inspectionId', 'inspectionId')
      .addSelect('COUNT(*)', 'issued')
      .addSelect("SUM(CASE WHEN r.state = 'verified' THEN 1 ELSE 0 END)", 'closed')
      .addSelect('SUM(CASE WHEN r.overdueAt IS NOT NULL THEN 1 ELSE 0 END)', 'overdue')
      .where('r.inspectionId IN (:...ids)', { ids: inspectionIds })
      .groupBy('r.inspectionId')
      .getRawMany<{ inspectionId: number; issued: number; closed: number; overdue: number }>();
    return new Map(rows.map((r) => [Number(r.inspectionId), { issued: Number(r.issued), open: Number(r.issued) - Number(r.closed), closed: Number(r.closed), overdue: Number(r.overdue) }]));
  }

  private async views(rows: Inspection[]): Promise<InspectionView[]> {
    if (!rows.length) return [];
    const summaries = await this.summaryViews(rows);
    const [companies, areas, orders] = await Promise.all([
      this.db.getRepository(PropertyCompany).findBy({ id: In(rows.map((r) => r.companyId ?? 0)) }),
      this.db.getRepository(Area).findBy({ id: In(rows.map((r) => r.issuingAreaId)) }),
      this.db.getRepository(Rectification).find({ select: ['id', 'inspectionId', 'itemCode'], where: { inspectionId: In(rows.map((r) => r.id)) } }),
    ]);
    const views: InspectionView[] = [];
    for (const [i, r] of rows.entries()) {
      views.push({
        ...summaries[i],
        templateName: r.templateName,
        companyName: companies.find((c) => c.id === r.companyId)?.name ?? null,
        issuingArea: areas.find((a) => a.id === r.issuingAreaId)?.name ?? '',
        inspectors: r.inspectors,
        tracedTicketIds: r.tracedTicketIds,
        items: await Promise.all(
          r.items.map(async (item) => ({
            code: item.code,
            section: item.section,
            text: item.text,
            weight: item.weight,
            result: item.result,
            note: item.note,
            photos: await this.uploads.photoViews(item.photoIds, false),
            rectificationId: orders.find((o) => o.inspectionId === r.id && o.itemCode === item.code)?.id ?? null,
          })),
        ),
        createdAt: r.createdAt.toISOString(),
      });
    }
    return views;
  }
}
