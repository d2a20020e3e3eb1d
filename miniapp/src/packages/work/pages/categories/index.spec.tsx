import { fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_TICKET_CATEGORIES, EMERGENCY_RESPONSE_MAX_MINUTES, type DeadlineFloorsView, type TicketCategory } from '@wuye/contracts';
import { MANAGER_ROLE, meWith } from '../../../../../test/handling-fixtures';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import { getDeadlineFloors, listTicketCategories, replaceTicketCategories } from '../../../../services/tickets';
import CategorySettings from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/tickets');
const getMeMock = jest.mocked(getMe);
const listMock = jest.mocked(listTicketCategories);
const floorsMock = jest.mocked(getDeadlineFloors);
const saveMock = jest.mocked(replaceTicketCategories);

const CATEGORIES: TicketCategory[] = DEFAULT_TICKET_CATEGORIES.filter((c) => ['facility', 'elevator', 'greening'].includes(c.code)).map((c) => ({ ...c }));
const FLOORS: DeadlineFloorsView = {
  county: { id: 1, name: '清河县' },
  floors: [
    { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 1440, emergency: true },
    { code: 'facility', name: '设施故障', responseMinutes: 240, resolutionMinutes: 4320, emergency: false },
  ],
  emergencyResponseMaxMinutes: EMERGENCY_RESPONSE_MAX_MINUTES,
};

const row = (code: string) => document.querySelector(`.category-${code}`) as HTMLElement;
const type = (code: string, field: 'response' | 'resolution', value: string) => fireEvent.input(row(code).querySelector(`.category-${field}`) as HTMLElement, { target: { value } });
const saveButton = () => document.querySelector('.categories-save') as HTMLElement;

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));
  listMock.mockResolvedValue(CATEGORIES);
  floorsMock.mockResolvedValue(FLOORS);
});

describe('分类与时限', () => {
  it('shows the county’s floor beside each category it binds', async () => {
    render(<CategorySettings />);
    await settle();

    expect(within(row('elevator')).getByText('清河县标准：响应不超过30分钟，办结不超过1天，须为紧急分类且保持启用。可以更严，不能更宽。')).toBeInTheDocument();
    expect(within(row('facility')).getByText('清河县标准：响应不超过4小时，办结不超过3天。可以更严，不能更宽。')).toBeInTheDocument();
    expect(row('greening').querySelector('.category-floor')).toBeNull();
    expect(saveButton()).toBeDisabled();
  });

  it('refuses a looser value before saving: the reason under the field, 保存 disabled, nothing sent', async () => {
    render(<CategorySettings />);
    await settle();

    type('facility', 'response', '300');
    expect(within(row('facility')).getByText('“设施故障”的响应时限不能超过县里规定的4小时')).toBeInTheDocument();
    expect(screen.getByText('有 1 处时限不符合要求，改好后才能保存。')).toBeInTheDocument();
    expect(saveButton()).toBeDisabled();

    fireEvent.click(within(row('elevator')).getByText('一般'));
    expect(within(row('elevator')).getByText('“电梯”是县里规定的紧急分类，须保留“紧急”')).toBeInTheDocument();
    type('greening', 'response', '300');
    expect(row('greening').querySelector('.category-problem')).toBeNull();
    fireEvent.click(within(row('greening')).getByText('紧急'));
    expect(within(row('greening')).getByText('“绿化”是紧急分类，响应时限不能超过4小时')).toBeInTheDocument();
    expect(screen.getByText('有 3 处时限不符合要求，改好后才能保存。')).toBeInTheDocument();
    fireEvent.click(saveButton());
    await settle();
    expect(saveMock).not.toHaveBeenCalled();
  });

  it('saves a tighter deadline', async () => {
    saveMock.mockImplementation(async (_id, categories) => categories);
    render(<CategorySettings />);
    await settle();

    type('facility', 'response', '60');
    expect(within(row('facility')).getByText('分钟（1小时）')).toBeInTheDocument();
    expect(saveButton()).not.toBeDisabled();
    fireEvent.click(saveButton());
    await settle();

    expect(saveMock).toHaveBeenCalledWith(1, CATEGORIES.map((c) => (c.code === 'facility' ? { ...c, responseMinutes: 60 } : c)));
    expect(saveButton()).toHaveTextContent('没有修改');
  });
});
