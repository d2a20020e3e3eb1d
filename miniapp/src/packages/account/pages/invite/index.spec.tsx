import { fireEvent, render, screen } from '@testing-library/react';
import type { InvitationPreview, RoleAssignmentView } from '@wuye/contracts';
import { ApiError } from '../../../../services/http';
import { acceptInvitation, checkInvitation } from '../../../../services/roles';
import { setTokens } from '../../../../services/session';
import AcceptInvitation from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/roles');
const checkMock = jest.mocked(checkInvitation);
const acceptMock = jest.mocked(acceptInvitation);

const OFFER: InvitationPreview = { role: 'staff', scopeName: '锦绣花园', title: '维修工', expiresAt: '2026-12-13T02:00:00.000Z', can: { accept: true }, blocked: {} };
const GRANTED: RoleAssignmentView = {
  id: 40,
  user: { id: 7, displayName: '老李', phone: null },
  role: 'staff',
  communityId: 1,
  companyId: 1,
  areaId: null,
  scopeName: '锦绣花园',
  title: '维修工',
  createdAt: '2026-12-06T02:00:00.000Z',
  effective: true,
};

const typeCode = (value: string) => fireEvent.input(document.querySelector('.invite-code-input') as HTMLElement, { target: { value } });

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('输入邀请码', () => {
  it('shows what the code offers before anything is accepted, then accepts it', async () => {
    checkMock.mockResolvedValue(OFFER);
    acceptMock.mockResolvedValue(GRANTED);
    render(<AcceptInvitation />);

    typeCode('k7m3 qx9p');
    fireEvent.click(screen.getByText('查看邀请'));
    await settle();

    expect(checkMock).toHaveBeenCalledWith('K7M3QX9P');
    expect(screen.getByText('物业员工（维修工） · 锦绣花园')).toBeInTheDocument();
    expect(screen.getByText('有效期至 2026-12-13')).toBeInTheDocument();
    expect(acceptMock).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('接受邀请'));
    await settle();
    expect(acceptMock).toHaveBeenCalledWith('K7M3QX9P');
    expect(screen.getByText('邀请码已生效')).toBeInTheDocument();
  });

  it('a code the user may not take (职责分离, used…): the reason shows and 接受邀请 stays disabled', async () => {
    const why = '您是锦绣花园的业委会委员，同一小区里物业方和业委会的职务不能由同一人担任';
    checkMock.mockResolvedValue({ ...OFFER, can: { accept: false }, blocked: { accept: why } });
    render(<AcceptInvitation />);

    typeCode('K7M3QX9P');
    fireEvent.click(screen.getByText('查看邀请'));
    await settle();

    expect(screen.getByText(why)).toBeInTheDocument();
    const accept = screen.getByText('接受邀请');
    expect(accept).toBeDisabled();
    fireEvent.click(accept);
    await settle();
    expect(acceptMock).not.toHaveBeenCalled();
  });

  it('a changed code is checked again; an unknown code shows the API’s words', async () => {
    checkMock.mockResolvedValueOnce(OFFER).mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'INVITATION_INVALID', message: '邀请码不存在，请核对后重新输入' }));
    render(<AcceptInvitation />);

    typeCode('K7M3QX9P');
    fireEvent.click(screen.getByText('查看邀请'));
    await settle();
    expect(screen.getByText('接受邀请')).toBeInTheDocument();

    typeCode('ZZZZZZZZ');
    expect(screen.queryByText('接受邀请')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('查看邀请'));
    await settle();
    expect(screen.getByText('邀请码不存在，请核对后重新输入')).toBeInTheDocument();
    expect(acceptMock).not.toHaveBeenCalled();
  });
});
