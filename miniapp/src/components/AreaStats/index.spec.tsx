import { act, fireEvent, render, screen } from '@testing-library/react';
import { quarterOf, shanghaiDate, type MeView } from '@wuye/contracts';
import { fakeApi, flush } from '../../../test/support/fake-api';
import { setTokens } from '../../services/session';
import AreaStatsPage, { type AreaFigures } from './index';

interface Counted {
  visits: number;
  late: number;
}
const REGULATOR: MeView = {
  id: 9,
  displayName: '钱科长',
  phone: null,
  roles: [
    { role: 'regulator', areaId: 4, scopeName: '南门社区' },
    { role: 'regulator', areaId: 5, scopeName: '北湖社区' },
  ],
  houses: [],
  wechat: false,
};
const RESIDENT: MeView = { id: 3, displayName: '张阿姨', phone: null, roles: [], houses: [], wechat: false };
const NAMES: Record<number, string> = { 4: '南门社区', 5: '北湖社区' };

function page() {
  const loads: [number, string][] = [];
  const downloads: [number, string, string][] = [];
  const load = async (areaId: number, period: string): Promise<AreaFigures<Counted>> => {
    loads.push([areaId, period]);
    return { area: { id: areaId, name: NAMES[areaId] }, period, total: { visits: areaId * 10, late: 1 }, communities: [{ id: 1, name: `${NAMES[areaId]}一号小区`, visits: areaId, late: 0 }] };
  };
  const download = async (areaId: number, period: string, areaName: string) => void downloads.push([areaId, period, areaName]);
  const facts = (f: Counted) => [{ text: `走访 ${f.visits} 次` }, { text: `迟到 ${f.late}`, alert: f.late > 0 }];
  render(<AreaStatsPage title="走访统计" prefix="vs" returnTo="/stats" load={load} download={download} facts={facts} />);
  return { loads, downloads };
}

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('an overseer’s statistics page', () => {
  it('starts on the first area and this quarter, loads another area when chosen, marks the figures to act on and exports what is shown', async () => {
    fakeApi({ 'GET /api/v1/me': REGULATOR });
    const { loads, downloads } = page();
    expect(await screen.findByText('走访 40 次')).toBeTruthy();
    expect(loads).toEqual([[4, quarterOf(shanghaiDate())]]);
    expect(screen.getByText('南门社区一号小区')).toBeTruthy();
    expect(document.querySelector('.vs-total .vs-alert')?.textContent).toBe('迟到 1');
    expect(document.querySelector('.vs-estate-figures .vs-alert')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByText('北湖社区'));
      await flush();
    });
    expect(screen.getByText('走访 50 次')).toBeTruthy();
    expect(loads[loads.length - 1]).toEqual([5, quarterOf(shanghaiDate())]);
    await act(async () => {
      fireEvent.click(screen.getByText('导出 Excel'));
      await flush();
    });
    expect(downloads).toEqual([[5, quarterOf(shanghaiDate()), '北湖社区']]);
  });

  it('tells a user who oversees no area what the page is for, and asks nothing of the API', async () => {
    fakeApi({ 'GET /api/v1/me': RESIDENT });
    const { loads } = page();
    expect(await screen.findByText('走访统计供社区（村）和住建部门使用。')).toBeTruthy();
    expect(loads).toEqual([]);
  });
});
