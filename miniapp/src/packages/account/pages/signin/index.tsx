import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { DevAccount } from '@wuye/contracts';
import StatusNotice from '../../../../components/StatusNotice';
import { useRemote } from '../../../../hooks/useRemote';
import { ME_PAGE, TAB_PAGES } from '../../../../routes';
import { currentPlatform, listDevAccounts, signInAsDevAccount, signInWithWechat } from '../../../../services/auth';
import { sentenceOf, showError } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import './index.scss';

const OPEN_IN_WECHAT = '请在微信中打开物业通';

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Where to go once signed in: the page that sent the user here, or 我的. The app restarts there: pages left from
 * before (another account's data) must not linger, and on H5 a switchTab right after navigateTo leaves the tab
 * page hidden behind a stale transition (Taro's router adds `taro_page_shade` after the switch).
 */
function goOn(redirect: string | undefined): void {
  // Taro passes query values through undecoded on some platforms: decode once, then accept only app paths.
  const decoded = redirect ? safeDecode(redirect) : '';
  const target = decoded.startsWith('/') ? decoded : ME_PAGE;
  void Taro.reLaunch({ url: TAB_PAGES.includes(target.split('?')[0]) ? target.split('?')[0] : target });
}

/** The demo accounts, or null where the development sign-in is off (production, or a WeChat secret is set: 404). */
async function devAccountsIfOffered(): Promise<DevAccount[] | null> {
  try {
    return await listDevAccounts();
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 404) return null;
    throw error;
  }
}

/** H5 in development: sign in as one of the seeded demo accounts. */
function DevAccountPicker({ redirect }: { redirect?: string }) {
  const remote = useRemote(devAccountsIfOffered);
  const [signingIn, setSigningIn] = useState<string | null>(null);

  const choose = async (account: DevAccount) => {
    if (signingIn) return;
    setSigningIn(account.key);
    try {
      await signInAsDevAccount(account.key);
      void Taro.showToast({ title: `已登录：${account.displayName}`, icon: 'none' });
      goOn(redirect);
    } catch (error) {
      showError(error);
    } finally {
      setSigningIn(null);
    }
  };

  if (remote.phase === 'loading') return <StatusNotice className="signin-loading" title="正在加载…" />;
  if (remote.phase === 'error') {
    return <StatusNotice className="signin-error" title="演示账号没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />;
  }
  const accounts = remote.data;
  if (!accounts) {
    return <StatusNotice className="signin-unavailable" title={OPEN_IN_WECHAT} text="物业通使用微信登录，请在微信中搜索并打开“物业通”小程序。" />;
  }
  return (
    <View className="dev-accounts">
      <View className="signin-heading">选择演示账号</View>
      <View className="muted signin-intro">开发环境：点一个账号即以该身份登录。正式版本使用微信登录。</View>
      {accounts.map((account) => (
        <View key={account.key} className="card dev-account" onClick={() => void choose(account)}>
          <View className="dev-account-main">
            <View className="dev-account-name wrap-text">{account.displayName}</View>
            <View className="muted dev-account-roles">{account.roles.length ? account.roles.join('、') : '尚未绑定房屋'}</View>
          </View>
          <Text className="link-arrow">{signingIn === account.key ? '登录中…' : '›'}</Text>
        </View>
      ))}
    </View>
  );
}

/** WeChat: the same silent sign-in as at launch, started by a tap (e.g. after 退出登录). */
function WechatSignIn({ redirect }: { redirect?: string }) {
  const [phase, setPhase] = useState<'ready' | 'signing-in' | 'failed'>('ready');
  const [message, setMessage] = useState('');

  const signIn = async () => {
    setPhase('signing-in');
    try {
      await signInWithWechat();
      goOn(redirect);
    } catch (error) {
      // The sign-in's own failure: there is no session to end.
      setMessage(sentenceOf(error, '登录失败，请稍后重试'));
      setPhase('failed');
    }
  };

  if (phase === 'signing-in') return <StatusNotice className="signin-progress" title="正在登录…" />;
  return (
    <View className="wechat-signin">
      <StatusNotice
        className={phase === 'failed' ? 'signin-failed' : 'signin-ready'}
        title={phase === 'failed' ? '登录没有成功' : '使用微信登录物业通'}
        text={phase === 'failed' ? message : '登录后可以绑定房屋、报修和查看小区公示。'}
      />
      <Button className="button button-primary button-block signin-wechat" onClick={() => void signIn()}>
        {phase === 'failed' ? '重试' : '微信登录'}
      </Button>
    </View>
  );
}

/** 登录: WeChat sign-in in the mini-program; the demo-account picker in the H5 build (development). */
export default function SignIn() {
  const { params } = useRouter();
  return (
    <View className="page signin">
      {currentPlatform() === 'weapp' ? <WechatSignIn redirect={params.redirect} /> : <DevAccountPicker redirect={params.redirect} />}
    </View>
  );
}
