import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { latestRating, shanghaiDate, type StarRatingsView, type StarRatingView } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { ServiceContract } from '../org/service-contract.entity';
import { StarRatingDto } from './dto/oversight.dto';
import { issuingArea } from './oversight-scope';
import { OverviewService } from './overview.service';
import { StarRating } from './star-rating.entity';
import { nextYearlyVersion, recorderNames } from './yearly-versions';

const thisYear = () => Number(shanghaiDate().slice(0, 4));

/**
 * 星级评定: regulators rate an estate for a year, seeing the system's indicators; residents see the result. One rating
 * per estate and year: a change is a new version with its reason, and the latest version is the rating.
 */
@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly overview: OverviewService,
    private readonly audit: AuditService,
  ) {}

  async forCommunity(communityId: number, year: number | undefined, caller: Principal): Promise<StarRatingsView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community || !caller.mayInCommunity('tickets.read', communityId)) throw notFound('community');
    const y = year ?? thisYear();
    const rows = await this.db.getRepository(StarRating).find({ where: { communityId }, order: { id: 'DESC' } });
    const views = await this.views(rows);
    return {
      current: views.filter((v) => v.year === y).sort((a, b) => b.version - a.version)[0] ?? null,
      history: views,
      latest: latestRating(views),
      indicators: await this.overview.indicators(communityId, y),
      years: await this.ratableYears(community),
      can: { rate: caller.mayInCommunity('ratings.write', communityId) },
    };
  }

  async rate(communityId: number, dto: StarRatingDto, caller: Principal): Promise<StarRatingView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community || !caller.mayInCommunity('ratings.write', communityId)) throw notFound('community');
    const years = await this.ratableYears(community);
    if (dto.year < years.first || dto.year > years.last) {
      throw invalid(`${community.name}只能评定 ${years.first}–${years.last} 年度（有物业服务的年度，且不晚于今年）`, { field: 'year', ...years }, 'RATING_YEAR_OUT_OF_RANGE');
    }
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }));
    if (!area) throw notFound('community');
    const indicators = await this.overview.indicators(communityId, dto.year);
    const saved = await this.db.transaction(async (m) => {
      const { version, changeReason } = await nextYearlyVersion(m, StarRating, { communityId, year: dto.year }, dto, { record: '评定', reasonCode: 'RATING_CHANGE_NEEDS_REASON' });
      return m.getRepository(StarRating).save(
        m.getRepository(StarRating).create({
          communityId,
          year: dto.year,
          version,
          stars: dto.stars,
          reason: dto.reason.trim(),
          changeReason,
          indicators: { ...indicators },
          ratedById: caller.userId,
          areaId: area.id,
        }),
      );
    });
    await this.audit.record({ by: caller, action: 'rating.record', entityType: 'star_rating', entityId: saved.id, communityId, after: { year: dto.year, version: saved.version, stars: dto.stars, changeReason: saved.changeReason } });
    return (await this.views([saved]))[0];
  }

  /**
   * The years an estate may be rated for: from the first year it existed in the records (its first service contract,
   * or its registration if earlier) to this year.
   */
  private async ratableYears(community: Community): Promise<{ first: number; last: number }> {
    const first = await this.db.getRepository(ServiceContract).findOne({ where: { communityId: community.id }, order: { startsOn: 'ASC' } });
    const registered = Number(shanghaiDate(community.createdAt).slice(0, 4));
    return { first: Math.min(registered, first ? Number(first.startsOn.slice(0, 4)) : registered), last: thisYear() };
  }

  private async views(rows: StarRating[]): Promise<StarRatingView[]> {
    if (!rows.length) return [];
    const names = await recorderNames(this.db, rows.map((r) => ({ userId: r.ratedById, areaId: r.areaId })));
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      version: r.version,
      stars: r.stars,
      reason: r.reason,
      changeReason: r.changeReason,
      ratedBy: names.user(r.ratedById),
      issuingArea: names.area(r.areaId),
      ratedAt: r.createdAt.toISOString(),
      indicators: r.indicators,
    }));
  }
}
