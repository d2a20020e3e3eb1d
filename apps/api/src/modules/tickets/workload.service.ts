import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Workload } from '@wuye/contracts';
import { notFound } from '../../common/errors';
import { rawQuery } from '../../database/raw';
import type { Principal } from '../identity/principal';
import { OVERDUE_SQL, overdueParams } from './deadlines';

/** The workbench's counts for one estate: each only where the caller's roles there cover it. */
@Injectable()
export class WorkloadService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forCommunity(communityId: number, caller: Principal): Promise<Workload> {
    const handles = caller.mayInCommunity('tickets.handle', communityId);
    const works = caller.mayInCommunity('tickets.work', communityId);
    const reviews = caller.mayInCommunity('bindings.review', communityId);
    if (!handles && !works && !reviews) throw notFound('community');
    const count = async (sql: string, params: Record<string, unknown>) => Number((await rawQuery<{ n: number | string }>(this.db, sql, { communityId, ...params }))[0].n);
    return {
      communityId,
      unaccepted: handles ? await count("SELECT COUNT(*) AS n FROM ticket t WHERE t.community_id = :communityId AND t.state = 'submitted'", {}) : null,
      overdue: handles ? await count(`SELECT COUNT(*) AS n FROM ticket t WHERE t.community_id = :communityId AND ${OVERDUE_SQL}`, overdueParams()) : null,
      assignedToMe: works
        ? await count("SELECT COUNT(*) AS n FROM ticket t WHERE t.community_id = :communityId AND t.assignee_id = :me AND t.state IN ('assigned', 'in_progress')", { me: caller.userId })
        : null,
      pendingBindings: reviews ? await count("SELECT COUNT(*) AS n FROM house_binding hb WHERE hb.community_id = :communityId AND hb.state = 'pending'", {}) : null,
    };
  }

  /** Tickets each person has assigned and not yet resolved in the estate (the caller's access is checked by the route). */
  async openByAssignee(communityId: number): Promise<Map<number, number>> {
    const rows = await rawQuery<{ assignee: number | string; n: number | string }>(
      this.db,
      "SELECT t.assignee_id AS assignee, COUNT(*) AS n FROM ticket t WHERE t.community_id = :communityId AND t.assignee_id IS NOT NULL AND t.state IN ('assigned', 'in_progress') GROUP BY t.assignee_id",
      { communityId },
    );
    return new Map(rows.map((r) => [Number(r.assignee), Number(r.n)]));
  }
}
