import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { AnnouncementView } from '@wuye/contracts';
import PhotoGrid from '../../../../components/PhotoGrid';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import { ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import StatusNotice from '../../../../components/StatusNotice';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { useShareCard } from '../../../../hooks/useShareCard';
import { announcementPage } from '../../../../routes';
import { getAnnouncement, markAnnouncementRead, withdrawAnnouncement } from '../../../../services/announcements';
import { askSubscriptions, getClientConfig } from '../../../../services/client-config';
import { showError } from '../../../../services/errors';
import { announcementBadges, announcementFacts } from '../../lib';
import '../../announcements.scss';

function Announcement({ id }: { id: number }) {
  const remote = useRemote(useCallback(() => getAnnouncement(id), [id]));
  const [shown, setShown] = useState<AnnouncementView | null>(null);
  const view = shown ?? remote.data;
  const card = useShareCard('announcement', id, Boolean(view?.current));
  const [busy, setBusy] = useState(false);
  const config = useRemote(getClientConfig).data;
  const shownId = remote.data?.id ?? null;
  useEffect(() => {
    // Read once it is on screen: a lost receipt only leaves the count one short, never blocks the reader.
    if (shownId !== null) void markAnnouncementRead(shownId).catch(() => undefined);
  }, [shownId]);

  if (remote.phase === 'error' && !shown) {
    return <ShareCardNotice kind="announcement" id={id} otherwise={<StatusNotice className="an-error" title="公告没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />} />;
  }
  if (!view) return <StatusNotice className="an-loading" title="正在加载…" />;

  const withdraw = async () => {
    const answer = await Taro.showModal({ title: '撤回公告', content: `撤回后居民将看不到“${view.title}”。确认撤回？`, confirmText: '撤回', cancelText: '取消' });
    if (!answer.confirm || busy) return;
    setBusy(true);
    try {
      setShown(await withdrawAnnouncement(view.id));
      void Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const photos = view.attachments.filter((a) => a.kind === 'image');
  return (
    <View>
      <View className="card an-detail">
        <View className="card-title an-detail-title">
          {announcementBadges(view).map((badge) => (
            <Text key={badge} className="badge badge-pending an-badge">
              {badge}
            </Text>
          ))}
          {view.title}
        </View>
        <View className="muted an-detail-facts">
          {view.communityName} · {announcementFacts(view)}
        </View>
        <View className="an-body an-detail-body">{view.body}</View>
        <PhotoGrid photos={photos} className="an-detail-photos" />
      </View>
      {view.readCount !== null ? (
        <View className="card an-detail-reads">
          <Text className="an-reads">已读 {view.readCount} 人</Text>
          <Text className="muted">（只统计人数，不显示是谁）</Text>
        </View>
      ) : null}
      {card ? <ShareButton card={card} /> : null}
      {config?.subscribeTemplates.notice && view.readCount === null && process.env.TARO_ENV === 'weapp' ? (
        // A subscribe request must come straight from a tap: residents ask here to hear of the next one.
        <Button className="button button-block an-subscribe" onClick={() => askSubscriptions(config, ['notice'])}>
          订阅新公告提醒
        </Button>
      ) : null}
      {view.actions.withdraw ? (
        <Button className="button button-block an-withdraw" disabled={busy || undefined} onClick={() => void withdraw()}>
          {busy ? '正在撤回…' : '撤回公告'}
        </Button>
      ) : null}
    </View>
  );
}

/** 公告 in full: what a resident opens from the home page or a notice; the posting side also sees how many read it. */
export default function AnnouncementDetail() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: announcementPage(id) });
  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后查看小区公告。" />;
  return (
    <View className="page an-page">
      <Announcement id={id} />
    </View>
  );
}
