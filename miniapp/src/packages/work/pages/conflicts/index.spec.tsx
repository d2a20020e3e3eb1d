import { fireEvent, render, screen, within } from '@testing-library/react';
import type { DutyConflictView, RoleAssignmentView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { listDutyConflicts, revokeRoleAssignment } from '../../../../services/roles';
import { setTokens } from '../../../../services/session';
import DutyConflicts from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/roles');
const listMock = jest.mocked(listDutyConflicts);
const revokeMock = jest.mocked(revokeRoleAssignment);

const role = (id: number, r: RoleAssignmentView['role'], revoke: boolean): RoleAssignmentView => ({
  id,
  user: { id: 7, displayName: '马委员', phone: '139****1234' },
  role: r,
  communityId: 1,
  companyId: r === 'manager' ? 1 : null,
  areaId: null,
  scopeName: '锦绣花园',
  title: null,
  createdAt: '2025-03-01T02:00:00.000Z',
  effective: true,
  can: { revoke },
});
const PAIR: DutyConflictView = {
  user: { id: 7, displayName: '马委员', phone: '139****1234' },
  communityId: 1,
  communityName: '锦绣花园',
  property: [role(11, 'manager', false)],
  committee: [role(12, 'committee', true)],
};

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('职责冲突', () => {
  it('lists each person on both sides of an estate; only the roles the caller may revoke have 撤销', async () => {
    listMock.mockResolvedValue({ items: [PAIR], nextCursor: null });
    render(<DutyConflicts />);
    await settle();

    const card = document.querySelector('.conflict') as HTMLElement;
    expect(within(card).getByText('锦绣花园')).toBeInTheDocument();
    expect(within(card.querySelector('.conflict-property') as HTMLElement).getByText('项目经理 · 锦绣花园')).toBeInTheDocument();
    expect(within(card.querySelector('.conflict-property') as HTMLElement).queryByText('撤销')).toBeNull();
    expect(within(card.querySelector('.conflict-committee') as HTMLElement).getByText('业委会委员 · 锦绣花园')).toBeInTheDocument();
    expect(within(card.querySelector('.conflict-committee') as HTMLElement).getByText('撤销')).toBeInTheDocument();
  });

  it('撤销 after the confirmation, then the list as it is now', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false });
    listMock.mockResolvedValueOnce({ items: [PAIR], nextCursor: null }).mockResolvedValueOnce({ items: [], nextCursor: null });
    revokeMock.mockResolvedValue({ ...role(12, 'committee', false), effective: false });
    render(<DutyConflicts />);
    await settle();

    fireEvent.click(screen.getByText('撤销'));
    await settle();
    expect(revokeMock).toHaveBeenCalledWith(12);
    expect(screen.getByText('没有职责冲突')).toBeInTheDocument();
  });
});
