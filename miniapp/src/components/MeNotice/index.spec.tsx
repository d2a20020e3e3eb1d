import { fireEvent, render, screen } from '@testing-library/react';
import type { MeView } from '@wuye/contracts';
import type { MeState } from '../../hooks/useMe';
import type { SessionGate } from '../../hooks/useSession';
import meNotice from './index';

const gate = (phase: SessionGate['phase']): SessionGate => ({ phase, message: '', signIn: jest.fn() });
const state = (over: Partial<MeState>): MeState => ({ phase: 'loading', me: null, errorMessage: '', reload: jest.fn(async () => undefined), replace: jest.fn(), ...over });

describe('meNotice: the page before the signed-in user is there', () => {
  it('asks to sign in, saying what for', () => {
    const signedOut = gate('signed-out');
    render(<>{meNotice('work', signedOut, state({}), '登录后才能使用工作台。')}</>);
    expect(document.querySelector('.page.work')).not.toBeNull();
    expect(screen.getByText('登录后才能使用工作台。')).toBeInTheDocument();
    fireEvent.click(screen.getByText('登录'));
    expect(signedOut.signIn).toHaveBeenCalled();
  });

  it('says it is loading, then offers 重试 when loading failed', () => {
    const { unmount } = render(<>{meNotice('work', gate('signed-in'), state({ phase: 'loading' }), '')}</>);
    expect(screen.getByText('正在加载…')).toBeInTheDocument();
    unmount();
    const failed = state({ phase: 'error', errorMessage: '网络不可用' });
    render(<>{meNotice('work', gate('signed-in'), failed, '')}</>);
    expect(screen.getByText('没能加载您的身份')).toBeInTheDocument();
    expect(screen.getByText('网络不可用')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(failed.reload).toHaveBeenCalled();
  });

  it('steps aside once the user is there', () => {
    expect(meNotice('work', gate('signed-in'), state({ phase: 'ready', me: { id: 1 } as MeView }), '')).toBeNull();
  });
});
