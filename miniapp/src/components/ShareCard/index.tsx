import { useCallback, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { SHARE_CARD_KIND_LABELS, type MeView, type ShareCard, type ShareCardKind } from '@wuye/contracts';
import { useRemote } from '../../hooks/useRemote';
import { BIND_PAGE, OVERSIGHT_COMMUNITY_PAGE, shareCardPath } from '../../routes';
import { currentPlatform } from '../../services/auth';
import { showError } from '../../services/errors';
import { getShareCard } from '../../services/sharing';

/** On WeChat: 分享到业主群 (the share sheet). On H5: copies the record's link and says so. */
export function ShareButton({ card }: { card: ShareCard }) {
  if (currentPlatform() === 'weapp') {
    return (
      <Button className="button button-small share-button" openType="share">
        分享到业主群
      </Button>
    );
  }
  const copy = () => {
    const link = `${window.location.href.split('#')[0]}#${shareCardPath(card.kind, card.id)}`;
    Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: '链接已复制，可粘贴到业主群', icon: 'none', duration: 2500 }))
      .catch((error: unknown) => showError(error));
  };
  return (
    <Button className="button button-small share-button" onClick={copy}>
      复制链接
    </Button>
  );
}

/**
 * A shared record the viewer may not open (not an owner of that estate): what it is, the estate, and the way in —
 * binding a house there. Anything else (the record's own error, a card that does not exist) shows `otherwise`.
 */
export function ShareCardNotice({ kind, id, otherwise }: { kind: ShareCardKind; id: number; otherwise: ReactNode }) {
  const { phase, data: card } = useRemote(useCallback(() => getShareCard(kind, id), [kind, id]));
  if (phase === 'loading') return null;
  if (!card || card.canOpen) return <>{otherwise}</>;
  return (
    <View className="notice share-locked">
      <View className="notice-title share-locked-title">{card.title}</View>
      <View className="notice-text">
        {card.communityName}的{SHARE_CARD_KIND_LABELS[kind]}，绑定本小区房屋后查看
      </View>
      <Button className="button button-primary notice-action share-locked-bind" onClick={() => void Taro.navigateTo({ url: BIND_PAGE })}>
        绑定房屋
      </Button>
    </View>
  );
}

const OVERSIGHT_ROLES = ['community_office', 'regulator', 'platform_admin'];

/**
 * What a resident's page of an estate (its inspections, its standing) shows an office or a regulator who opened its
 * card: they have no house there, but the estate is theirs to oversee — the way to its oversight page. Anyone else
 * gets `otherwise`.
 */
export function OverseenEstate({ me, communityId, otherwise }: { me: MeView | null; communityId: number | null; otherwise: ReactNode }) {
  if (communityId === null || !me?.roles.some((r) => OVERSIGHT_ROLES.includes(r.role))) return <>{otherwise}</>;
  return (
    <View className="notice share-overseen">
      <View className="notice-title">本小区在您的监管范围内</View>
      <View className="notice-text">在监管页查看本小区的统计、检查、星级和信用。</View>
      <Button className="button button-primary notice-action share-overseen-open" onClick={() => void Taro.navigateTo({ url: `${OVERSIGHT_COMMUNITY_PAGE}?communityId=${communityId}` })}>
        打开监管页
      </Button>
    </View>
  );
}
