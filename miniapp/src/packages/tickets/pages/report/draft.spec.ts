import { DEFAULT_TICKET_CATEGORIES, type MyHouse, type TicketCategory } from '@wuye/contracts';
import { ticketSummary } from '../../../../../test/support/fake-api';
import { EMPTY_DRAFT, isPrivate, reportDraftReducer, reportInput, reportProblem, type DraftAction, type ReportDraft } from './draft';

const ELEVATOR = { ...DEFAULT_TICKET_CATEGORIES.find((c) => c.code === 'elevator'), active: true } as TicketCategory;
const house = (houseId: number): MyHouse => ({ houseId, houseLabel: `3栋1单元${houseId}`, communityId: 1, communityName: '锦绣花园', state: 'approved' }) as MyHouse;

const run = (...actions: DraftAction[]) => actions.reduce(reportDraftReducer, EMPTY_DRAFT);

/** A draft that was offered similar tickets and refused once: what an edit has to reset. */
const offered = (): ReportDraft => run({ type: 'category', category: ELEVATOR }, { type: 'similarFound', tickets: [ticketSummary(40)] }, { type: 'problem', message: '请描述一下问题' });

describe('随手拍 draft', () => {
  it('any change to what or where clears the error and asks for similar tickets again', () => {
    const edits: DraftAction[] = [
      { type: 'kind', kind: 'hazard' },
      { type: 'category', category: ELEVATOR },
      { type: 'description', description: '按钮失灵' },
      { type: 'placeTyped', place: '大堂' },
      { type: 'scope', ownHouse: true, houses: [] },
      { type: 'house', house: house(101) },
      { type: 'estate', communityId: 2 },
    ];
    for (const edit of edits) {
      const next = reportDraftReducer(offered(), edit);
      expect({ edit: edit.type, formError: next.formError, similar: next.similar }).toEqual({ edit: edit.type, formError: '', similar: null });
    }
  });

  it('a refusal and the similar tickets found change nothing the resident wrote', () => {
    const draft = run({ type: 'description', description: '按钮失灵' }, { type: 'problem', message: '请选择问题类别' }, { type: 'similarFound', tickets: [ticketSummary(40)] });
    expect(draft).toMatchObject({ description: '按钮失灵', formError: '请选择问题类别', similar: [expect.objectContaining({ id: 40 })] });
  });

  it('another estate drops the category and the house, which belong to the estate', () => {
    const draft = run({ type: 'category', category: ELEVATOR }, { type: 'scope', ownHouse: true, houses: [house(101)] }, { type: 'estate', communityId: 2 });
    expect(draft).toMatchObject({ communityId: 2, category: null, ownHouse: false, house: null });
  });

  it('我家里 picks the only house at once, and keeps a choice among several for the resident', () => {
    expect(run({ type: 'scope', ownHouse: true, houses: [house(101)] }).house?.houseId).toBe(101);
    expect(run({ type: 'scope', ownHouse: true, houses: [house(101), house(102)] }).house).toBeNull();
  });

  it('a place typed by hand drops the map position; 不附带定位 drops it alone', () => {
    const onMap = run({ type: 'placeOnMap', place: '3栋1单元大堂', location: { lat: 30.1, long: 120.2 } });
    expect(onMap.location).toEqual({ lat: 30.1, long: 120.2 });
    expect(reportDraftReducer(onMap, { type: 'placeTyped', place: '3栋大堂' })).toMatchObject({ place: '3栋大堂', location: null });
    expect(reportDraftReducer(onMap, { type: 'dropLocation' })).toMatchObject({ place: '3栋1单元大堂', location: null });
    expect(run({ type: 'placeTyped', place: 'x'.repeat(150) }).place).toHaveLength(100);
  });

  it('says what is missing, one thing at a time, in the order of the form', () => {
    let draft = EMPTY_DRAFT;
    expect(reportProblem(draft)).toBe('请选择问题类别');
    draft = reportDraftReducer(draft, { type: 'category', category: ELEVATOR });
    expect(reportProblem(draft)).toBe('请描述一下问题');
    draft = reportDraftReducer(draft, { type: 'description', description: '   ' });
    expect(reportProblem(draft)).toBe('请描述一下问题');
    draft = reportDraftReducer(draft, { type: 'description', description: '字'.repeat(1001) });
    expect(reportProblem(draft)).toBe('问题描述最多 1000 字');
    draft = reportDraftReducer(draft, { type: 'description', description: '按钮失灵' });
    expect(reportProblem(draft)).toMatch(/^请填写问题所在的位置/);
    draft = reportDraftReducer(draft, { type: 'scope', ownHouse: true, houses: [house(101), house(102)] });
    expect(reportProblem(draft)).toBe('请选择要报修的房屋');
    draft = reportDraftReducer(draft, { type: 'house', house: house(102) });
    expect(reportProblem(draft)).toBeNull();
  });

  it('only a repair can be in one’s own home: another kind needs a place and is public unless a complaint', () => {
    const own = run({ type: 'category', category: ELEVATOR }, { type: 'description', description: '漏水' }, { type: 'scope', ownHouse: true, houses: [house(101)] });
    expect(isPrivate(own)).toBe(true);
    const hazard = reportDraftReducer(own, { type: 'kind', kind: 'hazard' });
    expect(isPrivate(hazard)).toBe(false);
    expect(reportProblem(hazard)).toMatch(/^请填写问题所在的位置/);
    expect(reportInput(hazard, 1, ELEVATOR)).not.toHaveProperty('houseId');
    expect(isPrivate(reportDraftReducer(hazard, { type: 'kind', kind: 'complaint' }))).toBe(true);
  });

  it('the report sent is trimmed and carries only what applies', () => {
    const common = run({ type: 'description', description: '  按钮失灵 ' }, { type: 'placeOnMap', place: ' 3栋大堂 ', location: { lat: 30, long: 120 } });
    expect(reportInput(common, 1, ELEVATOR)).toEqual({ communityId: 1, kind: 'repair', categoryCode: 'elevator', description: '按钮失灵', place: '3栋大堂', lat: 30, long: 120 });
    const own = run({ type: 'description', description: '漏水' }, { type: 'scope', ownHouse: true, houses: [house(101)] });
    expect(reportInput(own, 1, ELEVATOR)).toEqual({ communityId: 1, kind: 'repair', categoryCode: 'elevator', description: '漏水', houseId: 101 });
  });
});
