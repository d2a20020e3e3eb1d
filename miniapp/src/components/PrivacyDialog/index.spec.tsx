import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '../../../test/stubs/taro';
import { watchPrivacyRequests } from '../../services/privacy';
import PrivacyDialog from './index';

type Listener = (resolve: (answer: object) => void, info: { referrer: string }) => void;

/** Registers the app's listener as the launch does, and answers a function that plays WeChat asking. */
function launchOnWeChat(): (referrer: string) => object[] {
  let listener: Listener | null = null;
  jest.spyOn(Taro, 'onNeedPrivacyAuthorization').mockImplementation((registered: Listener) => {
    listener = registered;
  });
  process.env.TARO_ENV = 'weapp';
  watchPrivacyRequests();
  return (referrer) => {
    const answers: object[] = [];
    act(() => listener?.((answer) => answers.push(answer), { referrer }));
    return answers;
  };
}

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('PrivacyDialog', () => {
  it('shows nothing until WeChat holds a privacy API, then why each item is needed', () => {
    const ask = launchOnWeChat();
    render(<PrivacyDialog />);
    expect(screen.queryByText('隐私保护提示')).not.toBeInTheDocument();

    const answers = ask('chooseImage');

    expect(screen.getByText('隐私保护提示')).toBeInTheDocument();
    expect(screen.getByText('随手拍报事、检查和巡检时附上现场照片；物业公示上传收支凭证（照片或 PDF）。')).toBeInTheDocument();
    expect(screen.getByText('报事时在地图上选出问题所在的地点，只在您点“选择位置”时使用。')).toBeInTheDocument();
    expect(screen.getByText('绑定手机号，方便物业联系您、核实身份；只在您点“绑定手机号”时获取。')).toBeInTheDocument();
    expect(answers).toEqual([{ event: 'exposureAuthorization' }]);
    fireEvent.click(screen.getByText('拒绝'));
  });

  it('agrees only through WeChat’s agreePrivacyAuthorization button, with that button’s id', () => {
    const ask = launchOnWeChat();
    render(<PrivacyDialog />);
    const answers = ask('button.getPhoneNumber');
    const agree = screen.getByText('同意');

    expect(agree).toHaveAttribute('data-open-type', 'agreePrivacyAuthorization');
    expect(agree).toHaveAttribute('id', 'privacy-agree');
    fireEvent.click(agree);

    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(screen.queryByText('隐私保护提示')).not.toBeInTheDocument();
  });

  it('拒绝 answers disagree; the guide link opens the privacy page', () => {
    const ask = launchOnWeChat();
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<PrivacyDialog />);
    const answers = ask('chooseLocation');

    fireEvent.click(screen.getByText('《物业通隐私保护指引》'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/account/pages/privacy/index' });
    fireEvent.click(screen.getByText('拒绝'));

    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(screen.queryByText('隐私保护提示')).not.toBeInTheDocument();
  });
});
