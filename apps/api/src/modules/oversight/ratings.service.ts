import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RatingIndicators, StarRatingView } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { StarRatingDto } from './dto/oversight.dto';
import { issuingArea } from './oversight-scope';
import { OverviewService } from './overview.service';
import { StarRating } from './star-rating.entity';
import { shanghaiDate } from '@wuye/contracts';

/** 星级评定: regulators rate an estate for a year, seeing the system's indicators; residents see the result. */
@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly overview: OverviewService,
    private readonly audit: AuditService,
  ) {}

  async forCommunity(communityId: number, year: number | undefined, caller: Principal): Promise<{ current: StarRatingView | null; history: StarRatingView[]; indicators: RatingIndicators }> {
    if (!caller.mayInCommunity('tickets.read', communityId)) throw notFound('community');
    const y = year ?? Number(shanghaiDate().slice(0, 4));
    const rows = await this.db.getRepository(StarRating).find({ where: { communityId }, order: { id: 'DESC' } });
    const views = await this.views(rows);
    return { current: views.find((v) => v.year === y) ?? null, history: views, indicators: await this.overview.indicators(communityId, y) };
  }

  async rate(communityId: number, dto: StarRatingDto, caller: Principal): Promise<StarRatingView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community || !caller.mayInCommunity('ratings.write', communityId)) throw notFound('community');
    if (dto.year > Number(shanghaiDate().slice(0, 4))) throw invalid('不能为将来的年度评星', { field: 'year' });
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }));
    if (!area) throw notFound('community');
    const indicators = await this.overview.indicators(communityId, dto.year);
    const saved = await this.db.getRepository(StarRating).save(
      this.db.getRepository(StarRating).create({ communityId, year: dto.year, stars: dto.stars, reason: dto.reason.trim(), indicators: { ...indicators }, ratedById: caller.userId, areaId: area.id }),
    );
    await this.audit.record({ actorId: caller.userId, action: 'rating.record', entityType: 'star_rating', entityId: saved.id, communityId, after: { year: dto.year, stars: dto.stars } });
    return (await this.views([saved]))[0];
  }

  private async views(rows: StarRating[]): Promise<StarRatingView[]> {
    if (!rows.length) return [];
    const [users, areas] = await Promise.all([
      this.db.getRepository(User).findBy({ id: In(rows.map((r) => r.ratedById)) }),
      this.db.getRepository(Area).findBy({ id: In(rows.map((r) => r.areaId)) }),
    ]);
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      stars: r.stars,
      reason: r.reason,
      ratedBy: users.find((u) => u.id === r.ratedById)?.displayName ?? '',
      issuingArea: areas.find((a) => a.id === r.areaId)?.name ?? '',
      ratedAt: r.createdAt.toISOString(),
      indicators: r.indicators,
    }));
  }
}
