import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '../../../../../test/stubs/taro';
import { shanghaiDate, type CommunityView, type CreditEventView, type RoleScope } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { getMe } from '../../../../services/me';
import { getCompanyCredit, listCommunityManagers, listCreditEvents, recordCreditEvent } from '../../../../services/oversight';
import { listScopedCommunities } from '../../../../services/roles';
import { setTokens } from '../../../../services/session';
import CreditRecords from './index';
import { settle, staffMe } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/oversight');
jest.mock('../../../../services/roles');
const getMeMock = jest.mocked(getMe);
const eventsMock = jest.mocked(listCreditEvents);
const creditMock = jest.mocked(getCompanyCredit);
const recordMock = jest.mocked(recordCreditEvent);
const managersMock = jest.mocked(listCommunityManagers);
const communitiesMock = jest.mocked(listScopedCommunities);

const me = (roles: RoleScope[]) => staffMe(2, '县住建局 王科长', roles);
const estate = (id: number, name: string, company: { id: number; name: string }): CommunityView => ({ id, code: `C${id}`, name, address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', company: { ...company, contactPhone: null }, contract: null, lat: null, long: null });
const HENGXIN = { id: 2, name: '恒信物业' };
const WANJIA = { id: 1, name: '万家物业' };

const EVENT: CreditEventView = { id: 5, companyId: 2, companyName: '恒信物业', kind: 'points', points: 6, occurredOn: '2026-09-30', reason: '公共收益连续两个季度未公示', deducted: 6, communityName: '和谐家园', managerName: null, issuingArea: '清河县', rectificationId: null };

const form = () => document.querySelector('.ov-credit-form') as HTMLElement;
const chip = (group: string, label: string) => Array.from(form().querySelectorAll(`.${group}`)).find((el) => el.textContent === label) as HTMLElement;

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getMeMock.mockResolvedValue(me([{ role: 'regulator', areaId: 1, scopeName: '清河县' }]));
  communitiesMock.mockResolvedValue({ items: [estate(1, '锦绣花园', WANJIA), estate(12, '和谐家园', HENGXIN)], nextCursor: null });
  eventsMock.mockResolvedValue({ items: [EVENT], nextCursor: null });
  creditMock.mockResolvedValue({ companyId: 2, name: '恒信物业', score: 72, grade: 'C', pointsDeducted: 28, last12Months: { interview: 1, criticism: 1, points: 1, manager_dismissed: 0, project_withdrawn: 1 }, deductedByKind: { interview: 2, criticism: 5, points: 6, manager_dismissed: 0, project_withdrawn: 15 }, events: [EVENT] });
  managersMock.mockResolvedValue([{ id: 31, displayName: '和谐家园 钱经理' }]);
});

describe('信用记录', () => {
  it('for one company: its standing over 12 months and its events', async () => {
    setRouterParams({ companyId: '2' });
    render(<CreditRecords />);

    expect(await screen.findByText('72分')).toBeInTheDocument();
    expect(screen.getByText('近12个月扣 28 分（满分100）')).toBeInTheDocument();
    expect(screen.getByText('项目清退 1 次')).toBeInTheDocument();
    expect(eventsMock).toHaveBeenCalledWith({ companyId: 2 });
    // Each event says what it took off, and the score is that sum taken from 100.
    const event = document.querySelector('.ov-credit-event') as HTMLElement;
    expect(event.querySelector('.ov-credit-event-kind')?.textContent).toBe('信用扣分');
    expect(event.querySelector('.ov-credit-event-points')?.textContent).toBe('扣 6 分');
    expect(document.querySelector('.ov-standing-sum')?.textContent).toBe('计分：100 − 2（约谈） − 5（通报批评） − 6（信用扣分） − 15（项目清退） = 72分');
    expect(screen.getByText('公共收益连续两个季度未公示')).toBeInTheDocument();
  });

  it('records an event naming the estate and its project manager; checks the form first', async () => {
    recordMock.mockResolvedValue({ ...EVENT, id: 6, kind: 'manager_dismissed', points: 0, deducted: 5 });
    render(<CreditRecords />);
    await screen.findByText('记录信用事项');
    await settle();

    fireEvent.click(screen.getByText('记录'));
    expect(screen.getByText('请选择物业企业')).toBeInTheDocument();
    fireEvent.click(chip('ov-credit-company', '恒信物业'));
    fireEvent.click(chip('ov-credit-kind', '信用扣分'));
    fireEvent.click(screen.getByText('记录'));
    expect(screen.getByText('信用扣分须填写 1–100 的扣分分值')).toBeInTheDocument();

    fireEvent.click(chip('ov-credit-kind', '项目经理撤换'));
    fireEvent.click(chip('ov-credit-community', '和谐家园'));
    await settle();
    expect(managersMock).toHaveBeenCalledWith(12, 2, shanghaiDate());
    fireEvent.click(chip('ov-credit-manager', '和谐家园 钱经理'));
    fireEvent.click(screen.getByText('记录'));
    expect(screen.getByText('请填写事由')).toBeInTheDocument();
    expect(recordMock).not.toHaveBeenCalled();

    fireEvent.change(form().querySelector('.ov-credit-reason') as HTMLElement, { target: { value: '项目经理履职不力' } });
    fireEvent.click(screen.getByText('记录'));
    await settle();

    expect(recordMock).toHaveBeenCalledWith({ companyId: 2, kind: 'manager_dismissed', points: undefined, occurredOn: shanghaiDate(), reason: '项目经理履职不力', communityId: 12, managerUserId: 31 });
    // The list is asked again so the new event shows.
    expect(eventsMock).toHaveBeenCalledTimes(2);
  });

  it('a penalty asks first, then shows in the list at once, at its date, with its points', async () => {
    const older: CreditEventView = { ...EVENT, id: 4, occurredOn: '2026-03-01', reason: '更早的扣分' };
    eventsMock.mockResolvedValueOnce({ items: [EVENT, older], nextCursor: null }).mockImplementation(() => new Promise(() => undefined));
    recordMock.mockResolvedValue({ ...EVENT, id: 7, kind: 'points', points: 10, deducted: 10, occurredOn: '2026-06-15', reason: '维修资金使用未公示' });
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<CreditRecords />);
    await screen.findByText('记录信用事项');
    await settle();
    fireEvent.click(chip('ov-credit-company', '恒信物业'));
    fireEvent.click(chip('ov-credit-kind', '信用扣分'));
    fireEvent.input(form().querySelector('.ov-credit-points') as HTMLElement, { target: { value: '10' } });
    fireEvent.change(within(form()).getByLabelText('picker-date'), { target: { value: '2026-06-15' } });
    fireEvent.change(form().querySelector('.ov-credit-reason') as HTMLElement, { target: { value: '维修资金使用未公示' } });

    fireEvent.click(screen.getByText('记录'));
    await settle();
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('将对恒信物业记录信用扣分（2026-06-15），扣 10 分') }));
    expect(recordMock).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('记录'));
    await settle();
    expect(recordMock).toHaveBeenCalledWith(expect.objectContaining({ kind: 'points', points: 10, occurredOn: '2026-06-15' }));
    // The list has not answered again, and the new event already stands between the two by its date.
    const rows = Array.from(document.querySelectorAll('.ov-credit-event')).map((row) => [row.querySelector('.wrap-text + .wrap-text')?.textContent, row.querySelector('.ov-credit-event-points')?.textContent]);
    expect(rows).toEqual([
      ['公共收益连续两个季度未公示', '扣 6 分'],
      ['维修资金使用未公示', '扣 10 分'],
      ['更早的扣分', '扣 6 分'],
    ]);
  });

  it('offers only the managers in charge on the event’s day, asking again when the day changes', async () => {
    managersMock.mockImplementation(async (_estate, _company, on) => (on === '2025-03-01' ? [] : [{ id: 31, displayName: '和谐家园 钱经理' }]));
    render(<CreditRecords />);
    await screen.findByText('记录信用事项');
    await settle();
    fireEvent.click(chip('ov-credit-company', '恒信物业'));
    fireEvent.click(chip('ov-credit-community', '和谐家园'));
    await settle();
    expect(chip('ov-credit-manager', '和谐家园 钱经理')).toBeTruthy();

    fireEvent.change(within(form()).getByLabelText('picker-date'), { target: { value: '2025-03-01' } });
    await settle();
    expect(managersMock).toHaveBeenLastCalledWith(12, 2, '2025-03-01');
    expect(form().querySelector('.ov-credit-manager')).toBeNull();
    expect(screen.getByText('2025-03-01当天该企业在这个小区没有在任的项目经理，不能点名项目经理。')).toBeInTheDocument();
  });

  it('offers the companies of every estate in scope, over more than one page of estates', async () => {
    communitiesMock.mockResolvedValueOnce({ items: [estate(1, '锦绣花园', WANJIA)], nextCursor: 'p2' });
    communitiesMock.mockResolvedValueOnce({ items: [estate(12, '和谐家园', HENGXIN)], nextCursor: null });
    render(<CreditRecords />);
    await screen.findByText('记录信用事项');
    await settle();

    expect(communitiesMock).toHaveBeenLastCalledWith('p2');
    expect(Array.from(form().querySelectorAll('.ov-credit-company')).map((el) => el.textContent)).toEqual(['万家物业', '恒信物业']);
  });

  it('an office reads the records but gets no form', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]));
    render(<CreditRecords />);
    expect(await screen.findByText('公共收益连续两个季度未公示')).toBeInTheDocument();
    await settle();
    expect(screen.queryByText('记录信用事项')).not.toBeInTheDocument();
  });
});
