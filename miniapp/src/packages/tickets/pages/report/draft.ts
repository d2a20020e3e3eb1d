import { TICKET_DESCRIPTION_MAX, type CreateTicketInput, type MyHouse, type TicketCategory, type TicketKind, type TicketSummary } from '@wuye/contracts';

/** What the resident has written so far on the 随手拍 form (photos are the picker's). */
export interface ReportDraft {
  /** The estate chosen; null: the first of the resident's estates. */
  communityId: number | null;
  kind: TicketKind;
  category: TicketCategory | null;
  description: string;
  place: string;
  /** Chosen on the map (weapp): only the property sees it. */
  location: { lat: number; long: number } | null;
  /** 我家里 rather than 公共区域; counts only for a repair. */
  ownHouse: boolean;
  house: MyHouse | null;
  /** Open tickets like this one, offered once before filing; null until asked for this draft. */
  similar: TicketSummary[] | null;
  /** What stops the report, in the resident's words (or the API's refusal). */
  formError: string;
}

export const PLACE_MAX = 100;

export const EMPTY_DRAFT: ReportDraft = {
  communityId: null,
  kind: 'repair',
  category: null,
  description: '',
  place: '',
  location: null,
  ownHouse: false,
  house: null,
  similar: null,
  formError: '',
};

export type DraftAction =
  | { type: 'estate'; communityId: number }
  | { type: 'kind'; kind: TicketKind }
  | { type: 'category'; category: TicketCategory }
  | { type: 'description'; description: string }
  /** Typed by hand: a map position chosen before no longer matches it. */
  | { type: 'placeTyped'; place: string }
  | { type: 'placeOnMap'; place: string; location: { lat: number; long: number } }
  | { type: 'dropLocation' }
  /** 公共区域 or 我家里; with one house in the estate it is chosen at once. */
  | { type: 'scope'; ownHouse: boolean; houses: MyHouse[] }
  | { type: 'house'; house: MyHouse }
  | { type: 'similarFound'; tickets: TicketSummary[] }
  | { type: 'problem'; message: string };

/** Any change to what or where: the last error no longer applies, and similar tickets are asked for again. */
const edited = (draft: ReportDraft, change: Partial<ReportDraft>): ReportDraft => ({ ...draft, ...change, formError: '', similar: null });

/** The 随手拍 form as data: every change the resident makes, and what it resets. */
export function reportDraftReducer(draft: ReportDraft, action: DraftAction): ReportDraft {
  switch (action.type) {
    case 'estate':
      // Categories and houses belong to the estate.
      return edited(draft, { communityId: action.communityId, category: null, ownHouse: false, house: null });
    case 'kind':
      return edited(draft, { kind: action.kind });
    case 'category':
      return edited(draft, { category: action.category });
    case 'description':
      return edited(draft, { description: action.description });
    case 'placeTyped':
      return edited(draft, { place: action.place.slice(0, PLACE_MAX), location: null });
    case 'placeOnMap':
      return edited(draft, { place: action.place.slice(0, PLACE_MAX), location: action.location });
    case 'dropLocation':
      return { ...draft, location: null };
    case 'scope':
      return edited(draft, { ownHouse: action.ownHouse, house: action.ownHouse && action.houses.length === 1 ? action.houses[0] : draft.house });
    case 'house':
      return edited(draft, { house: action.house });
    case 'similarFound':
      return { ...draft, similar: action.tickets };
    case 'problem':
      return { ...draft, formError: action.message };
  }
}

/** A repair in the resident's own home (only a repair can be). */
export const isOwnHouseRepair = (draft: Pick<ReportDraft, 'kind' | 'ownHouse'>) => draft.kind === 'repair' && draft.ownHouse;

/** Own-house repairs and complaints stay between the resident and the property (the API decides the same way). */
export const isPrivate = (draft: Pick<ReportDraft, 'kind' | 'ownHouse'>) => isOwnHouseRepair(draft) || draft.kind === 'complaint';

/** What is missing before a report can go, in the resident's words; null when it is complete. */
export function reportProblem(draft: ReportDraft): string | null {
  if (!draft.category) return '请选择问题类别';
  const description = draft.description.trim();
  if (!description) return '请描述一下问题';
  if (description.length > TICKET_DESCRIPTION_MAX) return `问题描述最多 ${TICKET_DESCRIPTION_MAX} 字`;
  if (isOwnHouseRepair(draft) && !draft.house) return '请选择要报修的房屋';
  if (!isOwnHouseRepair(draft) && !draft.place.trim()) return '请填写问题所在的位置，例如“3栋1单元大堂”';
  return null;
}

/** The report as the API takes it (photos apart): trimmed, with the house, place and map position it has. */
export function reportInput(draft: ReportDraft, communityId: number, category: TicketCategory): Omit<CreateTicketInput, 'photoIds'> {
  const place = draft.place.trim();
  return {
    communityId,
    kind: draft.kind,
    categoryCode: category.code,
    description: draft.description.trim(),
    ...(isOwnHouseRepair(draft) && draft.house ? { houseId: draft.house.houseId } : {}),
    ...(place ? { place } : {}),
    ...(draft.location ? { lat: draft.location.lat, long: draft.location.long } : {}),
  };
}
