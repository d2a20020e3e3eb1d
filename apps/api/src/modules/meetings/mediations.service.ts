import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MEDIATION_OUTCOME_LABELS, shanghaiDate, type MediationView, type Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { maskName, scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { applyScope, communityScope, communityScopeFor } from '../identity/scope';
import { Community } from '../org/community.entity';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { Ticket } from '../tickets/ticket.entity';
import { UploadsService } from '../uploads/uploads.service';
import { CreateMediationDto, MediationOutcomeDto, MediationsQuery } from './dto/meeting.dto';
import { Mediation } from './mediation.entity';

/**
 * 人民调解 (三官一律 驻点): the disputes an office takes to mediation — from its 督办 queue or directly — with the
 * mediators by role, the parties (named in full to the office only), the outcome (化解, 未化解, 诉调对接, apart from the
 * ticket's own state) and the signed agreement as a PDF voucher.
 */
@Injectable()
export class MediationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly tickets: TicketLifecycleService,
  ) {}

  /** The office of the estate keeps the record and reads the parties' names; others in oversight read them masked. */
  private keeps(caller: Principal, communityId: number): boolean {
    return caller.mayInCommunity('escalations.handle', communityId);
  }

  async create(dto: CreateMediationDto, caller: Principal): Promise<MediationView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community || !this.keeps(caller, community.id)) throw notFound('community');
    if (dto.ticketId && !(await this.db.getRepository(Ticket).existsBy({ id: dto.ticketId, communityId: community.id }))) throw invalid('关联的工单须是本小区的工单', { field: 'ticketId' });
    const saved = await this.db.transaction((m) => this.open(m, community, { subject: dto.subject.trim(), parties: this.parties(dto.parties), ticketId: dto.ticketId ?? null }, caller));
    return this.view(saved, caller);
  }

  /** A new record, inside the caller's transaction (a referral opens one with the ticket's subject). */
  async open(m: EntityManager, community: Pick<Community, 'id' | 'areaPath'>, what: Pick<Mediation, 'subject' | 'parties' | 'ticketId'>, caller: Principal): Promise<Mediation> {
    if (!what.subject) throw invalid('请填写纠纷事由', { field: 'subject' });
    return m.getRepository(Mediation).save(
      m.getRepository(Mediation).create({ ...what, communityId: community.id, areaPath: community.areaPath, mediators: [], outcome: null, mediatedOn: null, note: null, agreementUploadId: null, createdById: caller.userId }),
    );
  }

  private parties(parties: { name: string; standing: string }[]) {
    const cleaned = parties.map((p) => ({ name: p.name.trim(), standing: p.standing.trim() }));
    if (cleaned.some((p) => !p.name || !p.standing)) throw invalid('请填写当事人的姓名和身份', { field: 'parties' });
    return cleaned;
  }

  async list(query: MediationsQuery, caller: Principal): Promise<Page<MediationView>> {
    const qb = applyScope(this.db.getRepository(Mediation).createQueryBuilder('d'), communityScopeFor(caller, 'oversight.read', 'd.community_id', query.communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'd.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (d) => [d.id] });
    return { items: await Promise.all(page.items.map((d) => this.view(d, caller))), nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<MediationView> {
    return this.view(await this.load(id, caller), caller);
  }

  /**
   * The outcome, once: the mediators by role, the parties if the referral opened the record without them, and for a
   * resolved dispute the signed agreement (a PDF voucher). A ticket behind it gets the outcome on its timeline.
   */
  async recordOutcome(id: number, dto: MediationOutcomeDto, caller: Principal): Promise<MediationView> {
    const mediation = await this.load(id, caller);
    if (!this.keeps(caller, mediation.communityId)) throw notFound('mediation');
    if (mediation.outcome) throw conflict('OUTCOME_RECORDED', '该调解的结果已经记录过了');
    if (dto.mediatedOn > shanghaiDate()) throw invalid('调解日期不能晚于今天', { field: 'mediatedOn' });
    const mediators = dto.mediators.map((x) => ({ role: x.role, name: x.name.trim() }));
    if (mediators.some((x) => !x.name)) throw invalid('请填写调解员姓名', { field: 'mediators' });
    const parties = dto.parties ? this.parties(dto.parties) : mediation.parties;
    if (!parties.length) throw invalid('请填写当事人', { field: 'parties' });
    if (dto.outcome === 'resolved' && !dto.agreementUploadId) throw invalid('调解成功须上传调解协议书（PDF）', { field: 'agreementUploadId' });
    const note = dto.note?.trim() || null;
    const record = async (m: EntityManager) => {
      if (dto.agreementUploadId) await this.uploads.claim([dto.agreementUploadId], caller.userId, m, ['pdf']);
      const done = await m
        .getRepository(Mediation)
        .createQueryBuilder()
        .update()
        .set({ outcome: dto.outcome, mediatedOn: dto.mediatedOn, mediators, parties, note, agreementUploadId: dto.agreementUploadId ?? null })
        .where('id = :id AND outcome IS NULL', { id })
        .execute();
      if (!done.affected) throw conflict('OUTCOME_RECORDED', '该调解的结果已经记录过了');
    };
    const ticket = mediation.ticketId ? await this.db.getRepository(Ticket).findOneBy({ id: mediation.ticketId }) : null;
    if (ticket) {
      const outcome = `${MEDIATION_OUTCOME_LABELS[dto.outcome]}${note ? `，${note}` : ''}`;
      await this.tickets.commit(ticket, this.tickets.plan(ticket, { kind: 'mediation_outcome', note: outcome }, { now: new Date(), actorId: caller.userId, actors: ['office'] }), record);
    } else {
      await this.db.transaction(record);
    }
    return this.view(await this.db.getRepository(Mediation).findOneByOrFail({ id }), caller);
  }

  private async load(id: number, caller: Principal): Promise<Mediation> {
    const row = await applyScope(this.db.getRepository(Mediation).createQueryBuilder('d').where('d.id = :id', { id }), communityScope(caller, 'oversight.read', 'd.community_id')).getOne();
    if (!row) throw notFound('mediation');
    return row;
  }

  async views(rows: Mediation[], caller: Principal): Promise<MediationView[]> {
    return Promise.all(rows.map((r) => this.view(r, caller)));
  }

  private async view(d: Mediation, caller: Principal): Promise<MediationView> {
    const [community] = await this.db.getRepository(Community).findBy({ id: In([d.communityId]) });
    const keeps = this.keeps(caller, d.communityId);
    const [agreement] = d.agreementUploadId ? await this.uploads.photoViews([d.agreementUploadId], false) : [];
    return {
      id: d.id,
      communityId: d.communityId,
      communityName: community?.name ?? '',
      ticketId: d.ticketId,
      subject: keeps ? d.subject : scrubPersonal(d.subject),
      // 个人信息保护法: outside the office that keeps it, a party is a surname and a standing.
      parties: d.parties.map((p) => ({ name: keeps ? p.name : maskName(p.name), standing: p.standing })),
      partiesMasked: !keeps,
      mediators: d.mediators,
      outcome: d.outcome,
      mediatedOn: d.mediatedOn,
      note: d.note,
      agreement: agreement ?? null,
      createdAt: d.createdAt.toISOString(),
      can: { recordOutcome: keeps && d.outcome === null },
    };
  }
}
