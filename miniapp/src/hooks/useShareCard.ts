import { useCallback, useEffect } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import type { ShareCard, ShareCardKind } from '@wuye/contracts';
import { HOME_PAGE, shareCardPath } from '../routes';
import { currentPlatform } from '../services/auth';
import { getShareCard, reportGroupEnter } from '../services/sharing';
import { useRemote } from './useRemote';

/** A plain picture (config copy): without it WeChat puts a screenshot of the page, with whatever it shows, on the card. */
const SHARE_CARD_IMAGE = '/assets/share-card.png';

type EncryptedGroupInfo = { encryptedData: string; iv: string };

const atLeast = (version: string, wanted: number[]) => {
  const parts = version.split('.').map(Number);
  const first = wanted.findIndex((n, i) => (parts[i] || 0) !== n);
  return first < 0 || (parts[first] || 0) > wanted[first];
};

/**
 * The share card of a record for the estate's owners' group (业主监督群), one line per page. `shareable` says
 * whether this view may go to the group (a published disclosure, the estate's public view of a ticket); the title
 * is the API's, made from the record, and the path carries the id only. On WeChat the share menu is shown with a
 * share ticket, so an opening from the group can be counted; that count goes to the API as WeChat encrypted it.
 * Returns the card once it may be shared (for ShareButton), else null.
 */
export function useShareCard(kind: ShareCardKind, id: number, shareable: boolean): ShareCard | null {
  const remote = useRemote(useCallback(() => getShareCard(kind, id), [kind, id]), { enabled: shareable });
  const card = shareable && remote.phase === 'ready' ? remote.data : null;
  const weapp = currentPlatform() === 'weapp';
  useEffect(() => {
    if (!weapp) return;
    if (card) void Taro.showShareMenu({ withShareTicket: true });
    else void Taro.hideShareMenu();
  }, [weapp, card]);
  useShareAppMessage(() => (card ? { title: card.title, path: shareCardPath(kind, id), imageUrl: SHARE_CARD_IMAGE } : { title: '物业通', path: HOME_PAGE }));

  useEffect(() => {
    if (!weapp) return;
    const entered = Taro.getEnterOptionsSync();
    // Only the page the card opened, not every record visited after it.
    if (!entered.shareTicket || `/${entered.path}?id=${entered.query?.id}` !== shareCardPath(kind, id)) return;
    const send = (info: EncryptedGroupInfo) => void reportGroupEnter(kind, id, { encryptedData: info.encryptedData, iv: info.iv }).catch(() => undefined);
    // getGroupEnterInfo reads a group card from base library 2.17.3 on, where getShareInfo stopped being maintained.
    if (Taro.canIUse('getGroupEnterInfo') && atLeast(Taro.getSystemInfoSync().SDKVersion ?? '', [2, 17, 3])) Taro.getGroupEnterInfo({ success: send });
    else Taro.getShareInfo({ shareTicket: entered.shareTicket, success: send });
  }, [weapp, kind, id]);
  return card;
}
