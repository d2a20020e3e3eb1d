import { In, type DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { ErrorCode } from '@wuye/contracts';
import { conflict, invalid } from '../../common/errors';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';

interface YearlyRecord {
  communityId: number;
  year: number;
  version: number;
}

/**
 * The version a yearly record of an estate (a star rating, a committee evaluation) is saved as, inside the saving
 * transaction: the caller changes the version they saw (someone else's change in between is not overwritten unseen),
 * and changing one takes a reason. Two changes from the same version both pass here; the unique (estate, year,
 * version) index refuses the second.
 */
export async function nextYearlyVersion<T extends YearlyRecord>(
  m: EntityManager,
  entity: EntityTarget<T>,
  at: { communityId: number; year: number },
  change: { baseVersion?: number; changeReason?: string },
  words: { record: string; reasonCode: ErrorCode },
): Promise<{ version: number; changeReason: string | null }> {
  const current = await m.getRepository(entity).findOne({ where: at as FindOptionsWhere<T>, order: { version: 'DESC' } as never });
  if ((change.baseVersion ?? 0) !== (current?.version ?? 0)) {
    throw conflict('STALE_VERSION', current ? `该年度的${words.record}已是第 ${current.version} 版，请刷新后再修改` : `该年度还没有${words.record}，请刷新后再${words.record}`, { currentVersion: current?.version ?? 0 });
  }
  const changeReason = change.changeReason?.trim() || null;
  if (current && !changeReason) throw invalid(`修改已有的${words.record}须填写修改原因`, { field: 'changeReason' }, words.reasonCode);
  return { version: (current?.version ?? 0) + 1, changeReason: current ? changeReason : null };
}

/** Who recorded yearly records and for which area (their names, as the records' views show them). */
export async function recorderNames(db: DataSource, rows: { userId: number; areaId: number }[]): Promise<{ user: (id: number) => string; area: (id: number) => string }> {
  const [users, areas] = await Promise.all([db.getRepository(User).findBy({ id: In(rows.map((r) => r.userId).concat(0)) }), db.getRepository(Area).findBy({ id: In(rows.map((r) => r.areaId).concat(0)) })]);
  return { user: (id) => users.find((u) => u.id === id)?.displayName ?? '', area: (id) => areas.find((a) => a.id === id)?.name ?? '' };
}
