import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '../../../test/stubs/taro';
import { ApiError } from '../../services/http';
import { revealContactPhone } from '../../services/tickets';
import ContactCall from './index';

jest.mock('../../services/tickets', () => ({ ...jest.requireActual('../../services/tickets'), revealContactPhone: jest.fn() }));
const revealMock = jest.mocked(revealContactPhone);

const settle = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
const CALLER = { name: '王先生', phoneMasked: '139****4321', canReveal: true };

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  jest.restoreAllMocks();
  revealMock.mockReset();
});

describe('拨打 for a return visit (回访)', () => {
  it('shows the number masked until someone handling the ticket calls, then dials it with WeChat’s dialog', async () => {
    process.env.TARO_ENV = 'weapp';
    const dial = jest.spyOn(Taro, 'makePhoneCall');
    revealMock.mockResolvedValue({ phone: '13987654321' });
    render(<ContactCall ticketId={7} contact={CALLER} />);
    expect(screen.getByText('139****4321')).toBeInTheDocument();
    expect(revealMock).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('拨打'));
    await settle();
    expect(revealMock).toHaveBeenCalledWith(7);
    expect(dial).toHaveBeenCalledWith({ phoneNumber: '13987654321' });
    expect(screen.getByText('13987654321')).toBeInTheDocument();
    // A second call does not reveal (and audit) the number again.
    fireEvent.click(screen.getByText('拨打'));
    await settle();
    expect(revealMock).toHaveBeenCalledTimes(1);
    expect(dial).toHaveBeenCalledTimes(2);
  });

  it('follows a tel: link on H5 instead of WeChat’s dialog', async () => {
    process.env.TARO_ENV = 'h5';
    const dial = jest.spyOn(Taro, 'makePhoneCall');
    const followed: string[] = [];
    const record = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      followed.push(link.href);
      event.preventDefault();
    };
    document.addEventListener('click', record, true);
    revealMock.mockResolvedValue({ phone: '13987654321' });
    render(<ContactCall ticketId={7} contact={CALLER} />);
    fireEvent.click(screen.getByText('拨打'));
    await settle();
    document.removeEventListener('click', record, true);
    expect(followed).toContain('tel:13987654321');
    expect(dial).not.toHaveBeenCalled();
  });

  it('offers no call to those who may not reveal the number, and says why a reveal was refused', async () => {
    const { unmount } = render(<ContactCall ticketId={7} contact={{ ...CALLER, canReveal: false }} />);
    expect(screen.queryByText('拨打')).toBeNull();
    unmount();
    const toast = jest.spyOn(Taro, 'showToast');
    revealMock.mockRejectedValue(new ApiError({ statusCode: 404, code: 'NO_PHONE_NUMBER', message: '没有可拨打的电话号码' }));
    render(<ContactCall ticketId={7} contact={CALLER} />);
    fireEvent.click(screen.getByText('拨打'));
    await settle();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有可拨打的电话号码' }));
    expect(screen.getByText('139****4321')).toBeInTheDocument();
  });
});
