/** County floors for ticket deadlines: the loosest deadlines an estate may keep (set by the county regulator). */
import type { TicketCategory } from './tickets';

/** 紧急分类 (fire, elevators, hazards…) are answered within hours: no floor and no estate may allow longer. */
export const EMERGENCY_RESPONSE_MAX_MINUTES = 4 * 60;

/**
 * The county's floor for one category. An estate may tighten it (fewer minutes), never loosen it: a longer
 * deadline, the emergency flag taken off, or the category switched off would all be looser.
 */
export interface DeadlineFloor extends Pick<TicketCategory, 'name' | 'responseMinutes' | 'resolutionMinutes' | 'emergency'> {
  /** The category code it binds in every estate of the county; `name` is the county's name for it (消防安全). */
  code: string;
  /** The estate keeps the category active and flagged emergency (response within hours). */
  emergency: boolean;
}

/** The floors that bind one estate or that a county sets. */
export interface DeadlineFloorsView {
  /** null: the estate lies in no county (then no floor binds it). */
  county: { id: number; name: string } | null;
  floors: DeadlineFloor[];
  emergencyResponseMaxMinutes: number;
}

export interface ReplaceDeadlineFloorsInput {
  floors: DeadlineFloor[];
}

/** 120 → "2小时", 1440 → "1天", 90 → "1小时30分钟". */
export function formatMinutes(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}小时`;
  if (minutes > 60) return `${Math.floor(minutes / 60)}小时${minutes % 60}分钟`;
  return `${minutes}分钟`;
}

export interface FloorProblem {
  code: 'DEADLINE_LOOSER_THAN_FLOOR' | 'EMERGENCY_RESPONSE_TOO_LONG';
  field: 'responseMinutes' | 'resolutionMinutes' | 'emergency' | 'active';
  message: string;
}

type CategoryDeadlines = Pick<TicketCategory, 'name' | 'responseMinutes' | 'resolutionMinutes' | 'emergency' | 'active'>;

/**
 * Why an estate's category breaks its county's floor (or the emergency limit), else null. The API refuses a save on
 * it; the category page shows the same sentence under the field before anything is sent.
 */
export function floorProblem(category: CategoryDeadlines, floor: DeadlineFloor | undefined): FloorProblem | null {
  const name = `“${category.name}”`;
  if (floor?.emergency && !category.active) return { code: 'DEADLINE_LOOSER_THAN_FLOOR', field: 'active', message: `${name}是县里规定的紧急分类，不能停用` };
  if (floor?.emergency && !category.emergency) return { code: 'DEADLINE_LOOSER_THAN_FLOOR', field: 'emergency', message: `${name}是县里规定的紧急分类，须保留“紧急”` };
  if (floor && category.responseMinutes > floor.responseMinutes) {
    return { code: 'DEADLINE_LOOSER_THAN_FLOOR', field: 'responseMinutes', message: `${name}的响应时限不能超过县里规定的${formatMinutes(floor.responseMinutes)}` };
  }
  if (category.emergency && category.responseMinutes > EMERGENCY_RESPONSE_MAX_MINUTES) {
    return { code: 'EMERGENCY_RESPONSE_TOO_LONG', field: 'responseMinutes', message: `${name}是紧急分类，响应时限不能超过${formatMinutes(EMERGENCY_RESPONSE_MAX_MINUTES)}` };
  }
  if (floor && category.resolutionMinutes > floor.resolutionMinutes) {
    return { code: 'DEADLINE_LOOSER_THAN_FLOOR', field: 'resolutionMinutes', message: `${name}的办结时限不能超过县里规定的${formatMinutes(floor.resolutionMinutes)}` };
  }
  return null;
}
