import { render, screen } from '@testing-library/react';
import type { MeView, RectificationSummary } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import InspectionsHome from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const LATE: RectificationSummary = {
  id: 9,
  inspectionId: 4,
  communityId: 2,
  communityName: '阳光新城',
  companyId: 1,
  companyName: '清河万家物业',
  section: 'cleaning',
  itemText: '楼道无堆放杂物',
  state: 'returned',
  deadlineAt: '2026-11-05T10:00:00.000Z',
  overdueAt: '2026-11-05T10:01:00.000Z',
  version: 4,
  updatedAt: '2026-11-05T10:01:00.000Z',
};

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));
afterEach(() => setRouterParams({}));

describe('检查与整改', () => {
  it('opened from the 督办 queue, lists the orders past their deadline, marked 逾期', async () => {
    setRouterParams({ tab: 'overdue' });
    const server = fakeApi({ 'GET /api/v1/me': OFFICE, 'GET /api/v1/rectifications': { items: [LATE], nextCursor: null } });
    render(<InspectionsHome />);
    expect(await screen.findByText('楼道无堆放杂物')).toBeInTheDocument();
    expect(server.to('GET /api/v1/rectifications')[0].query).toMatchObject({ overdue: 'true' });
    expect(screen.getByText('退回整改')).toBeInTheDocument();
    expect(screen.getByText('逾期')).toBeInTheDocument();
    // An office inspects: 新建检查 is offered.
    expect(await screen.findByText('新建检查')).toBeInTheDocument();
  });
});
