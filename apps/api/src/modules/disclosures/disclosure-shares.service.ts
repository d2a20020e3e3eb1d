import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { allocateLargestRemainder, isPublished, shareBasis, type AllocationSummary, type DisclosureContent, type DisclosureFacts, type DisclosureView } from '@wuye/contracts';
import { invalid } from '../../common/errors';
import { HouseBinding } from '../identity/house-binding.entity';
import { Building } from '../org/building.entity';
import { House } from '../org/house.entity';
import { houseLabels } from '../org/houses.service';
import { sharesDigest } from './disclosure-hash';
import type { DisclosureLine } from './disclosure-line.entity';
import { Vote } from '../votes/vote.entity';
import type { LineProblem } from './disclosure-rules';
import { DisclosureShare } from './disclosure-share.entity';
import type { Disclosure } from './disclosure.entity';

/** The houses a shared cost by area or household falls on: the chosen buildings, or the whole estate. */
const housesInScope = (communityId: number, content: DisclosureContent) => (content.buildingIds?.length ? { communityId, buildingId: In(content.buildingIds) } : { communityId });

/** The shares of a shared cost: largest remainder over the houses in scope, adding up to the total exactly. */
export async function shareRows(m: EntityManager, d: Pick<Disclosure, 'communityId' | 'content' | 'totals'>): Promise<{ houseId: number; weight: number; shareFen: number }[]> {
  const content = d.content;
  let weighted: { houseId: number; weight: number }[];
  if (content.method === 'fixed') weighted = (content.fixedShares ?? []).map((s) => ({ houseId: s.houseId, weight: s.weight }));
  else {
    const houses = await m.getRepository(House).find({ where: housesInScope(d.communityId, content), order: { id: 'ASC' } });
    weighted = houses.map((h) => ({ houseId: h.id, weight: content.method === 'household' ? 1 : h.floorAreaCenti }));
  }
  if (!weighted.length) throw invalid('分摊范围内没有房屋', { field: 'content.buildingIds' }, 'DISCLOSURE_INVALID');
  const shares = allocateLargestRemainder(d.totals.totalFen, weighted.map((w) => w.weight));
  return weighted.map((w, i) => ({ ...w, shareFen: shares[i] }));
}

/**
 * 民法典 278: the owners' votes a maintenance-fund disclosure's withdrawals cite, by line seq: whether each passed (the
 * vote's frozen result, never counts typed in) and its title. A vote that is not a closed 使用维修资金 vote of this
 * estate has not passed.
 */
export async function citedVotes(m: EntityManager, communityId: number, lines: Pick<DisclosureLine, 'seq' | 'kind' | 'fields'>[]): Promise<Map<number, { passed: boolean; title: string | null }>> {
  const cited = lines.filter((l) => l.kind === 'withdrawal');
  const ids = cited.map((l) => Number(l.fields.voteId)).filter((id) => Number.isSafeInteger(id) && id > 0);
  const votes = new Map((await m.getRepository(Vote).findBy({ id: In(ids.concat(0)), communityId })).map((v) => [v.id, v]));
  return new Map(
    cited.map((l) => {
      const v = votes.get(Number(l.fields.voteId));
      const valid = v && v.state === 'closed' && v.matter === 'fund_use';
      return [l.seq, { passed: Boolean(valid && v.result && v.result.passedOption !== null), title: valid ? v.title : null }];
    }),
  );
}

/**
 * What a publication fixes, inside the transaction that publishes it: a shared cost's shares (written, and their
 * digest) and how it was shared; whether the vote each maintenance-fund withdrawal cites had passed.
 * The chain's sign-off and the demo seed both publish through this.
 */
export async function freezeFacts(m: EntityManager, d: Pick<Disclosure, 'id' | 'type' | 'communityId' | 'content' | 'totals'>, lines: Pick<DisclosureLine, 'seq' | 'kind' | 'fields'>[]): Promise<DisclosureFacts | null> {
  if (d.type === 'shared_cost') {
    const rows = await shareRows(m, d);
    for (let i = 0; i < rows.length; i += 500) {
      await m.getRepository(DisclosureShare).insert(rows.slice(i, i + 500).map((r) => ({ disclosureId: d.id, houseId: r.houseId, shareFen: r.shareFen, weight: r.weight })));
    }
    const method = d.content.method ?? 'area';
    const buildingIds = method !== 'fixed' && d.content.buildingIds?.length ? d.content.buildingIds : null;
    const buildings = buildingIds ? (await m.getRepository(Building).find({ where: { id: In(buildingIds) }, order: { id: 'ASC' } })).map((b) => b.name) : null;
    return { allocation: { method, buildings, houses: rows.length, weightTotal: rows.reduce((a, r) => a + r.weight, 0) }, sharesSha256: sharesDigest(rows) };
  }
  if (d.type === 'maintenance_fund') {
    const votes = await citedVotes(m, d.communityId, lines);
    const passed = Object.fromEntries([...votes].map(([seq, v]) => [String(seq), v.passed]));
    return { fund: { passed } };
  }
  return null;
}

/**
 * 公摊: how a shared cost falls on the houses (民法典 283: by floor area unless agreed otherwise). Shares are computed
 * with the largest remainder so they add up to the total exactly, written at sign-off and never changed; residents
 * see the totals and their own share, nobody else's.
 */
@Injectable()
export class DisclosureSharesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Buildings and houses of this estate; for submission, at least one house to share the cost. */
  async allocationProblems(communityId: number, content: DisclosureContent, forSubmission: boolean): Promise<LineProblem[]> {
    if (content.buildingIds?.length) {
      const found = await this.db.getRepository(Building).countBy({ communityId, id: In(content.buildingIds) });
      if (found !== content.buildingIds.length) return [{ field: 'content.buildingIds', problem: '所选楼栋不属于本小区' }];
    }
    if (forSubmission && content.method !== 'fixed') {
      const houses = await this.db.getRepository(House).countBy(housesInScope(communityId, content));
      if (!houses) return [{ field: 'content.buildingIds', problem: '分摊范围内没有房屋，请先导入房屋或另选楼栋' }];
    }
    if (content.method === 'fixed') {
      const ids = (content.fixedShares ?? []).map((s) => s.houseId);
      const found = await this.db.getRepository(House).countBy({ communityId, id: In(ids) });
      if (found !== new Set(ids).size || found !== ids.length) return [{ field: 'content.fixedShares', problem: '约定份额中有不属于本小区或重复的房屋' }];
    }
    return [];
  }

  freeze(m: EntityManager, d: Disclosure, lines: Pick<DisclosureLine, 'seq' | 'kind' | 'fields'>[]): Promise<DisclosureFacts | null> {
    return freezeFacts(m, d, lines);
  }

  /**
   * How a shared cost is shared: the method, the buildings, how many houses and their weights in all. Published: as
   * it was shared then (the stored shares); a draft: as it would be shared now. The agreed shares house by house
   * only for `internal` callers.
   */
  async allocation(d: Disclosure, internal: boolean): Promise<AllocationSummary> {
    const method = d.content.method ?? 'area';
    const buildingIds = method !== 'fixed' && d.content.buildingIds?.length ? d.content.buildingIds : null;
    const buildings = buildingIds ? (await this.db.getRepository(Building).find({ where: { id: In(buildingIds) }, order: { id: 'ASC' } })).map((b) => b.name) : null;
    let houses: number;
    let weightTotal: number;
    if (isPublished(d.state)) {
      const [row] = await this.db.getRepository(DisclosureShare).createQueryBuilder('s').select('COUNT(*)', 'houses').addSelect('SUM(s.weight)', 'weight').where('s.disclosureId = :id', { id: d.id }).getRawMany();
      houses = Number(row?.houses ?? 0);
      weightTotal = Number(row?.weight ?? 0);
    } else if (method === 'fixed') {
      const shares = d.content.fixedShares ?? [];
      houses = shares.length;
      weightTotal = shares.reduce((a, s) => a + s.weight, 0);
    } else {
      const where = housesInScope(d.communityId, d.content);
      houses = await this.db.getRepository(House).countBy(where);
      weightTotal = method === 'household' ? houses : Number((await this.db.getRepository(House).sum('floorAreaCenti', where)) ?? 0);
    }
    // Published with its facts: as it was shared then, whatever happened to houses and buildings since.
    const summary: AllocationSummary = isPublished(d.state) && d.facts?.allocation ? { ...d.facts.allocation } : { method, buildings, houses, weightTotal };
    if (internal && method === 'fixed') {
      const given = d.content.fixedShares ?? [];
      const labels = await this.houseLabels(given.map((s) => s.houseId));
      summary.agreed = given.map((s) => ({ houseId: s.houseId, buildingId: labels.get(s.houseId)?.buildingId ?? 0, house: labels.get(s.houseId)?.label ?? String(s.houseId), weight: s.weight }));
    }
    return summary;
  }

  /** The caller's own houses in a shared cost, with their share. Nobody else's. */
  async myShares(d: Disclosure, userId: number): Promise<DisclosureView['myShares']> {
    const bindings = await this.db.getRepository(HouseBinding).findBy({ userId, communityId: d.communityId, state: 'approved' });
    if (!bindings.length) return [];
    const houseIds = bindings.map((b) => b.houseId);
    let shares: { houseId: number; shareFen: number; weight: number }[];
    if (isPublished(d.state)) {
      shares = await this.db.getRepository(DisclosureShare).findBy({ disclosureId: d.id, houseId: In(houseIds) });
    } else {
      shares = (await shareRows(this.db.manager, d).catch(() => [])).filter((s) => houseIds.includes(s.houseId));
    }
    const labels = await this.houseLabels(shares.map((s) => s.houseId));
    const method = d.content.method ?? 'area';
    return shares.map((s) => ({ houseId: s.houseId, house: labels.get(s.houseId)?.label ?? '', shareFen: s.shareFen, basis: shareBasis(method, s.weight) }));
  }

  /** Every house's share, for the property side's export. */
  async shareTable(disclosureId: number): Promise<{ house: string; weight: number; shareFen: number }[]> {
    const shares = await this.db.getRepository(DisclosureShare).find({ where: { disclosureId }, order: { houseId: 'ASC' } });
    const labels = await this.houseLabels(shares.map((s) => s.houseId));
    return shares.map((s) => ({ house: labels.get(s.houseId)?.label ?? String(s.houseId), weight: s.weight, shareFen: s.shareFen }));
  }

  /** The votes a maintenance-fund disclosure's withdrawals cite; on save, the problems of any that is not a closed 使用维修资金 vote here. */
  citedVotes(communityId: number, lines: Pick<DisclosureLine, 'seq' | 'kind' | 'fields'>[]): Promise<Map<number, { passed: boolean; title: string | null }>> {
    return citedVotes(this.db.manager, communityId, lines);
  }

  async voteProblems(communityId: number, lines: Pick<DisclosureLine, 'kind' | 'fields'>[]): Promise<LineProblem[]> {
    const votes = await citedVotes(this.db.manager, communityId, lines.map((l, i) => ({ ...l, seq: i + 1 })));
    return [...votes].filter(([, v]) => v.title === null).map(([seq]) => ({ line: seq, field: 'voteId', problem: '所选表决不是本小区已结束的「使用维修资金」表决' }));
  }

  private houseLabels(ids: number[]): Promise<Map<number, { label: string; buildingId: number }>> {
    return houseLabels(this.db.manager, ids);
  }
}
