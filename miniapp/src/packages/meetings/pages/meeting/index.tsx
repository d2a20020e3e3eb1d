import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { MEETING_ITEMS_MAX, MEETING_KIND_LABELS, MEETING_PARTY_LABELS, shanghaiDate, type MeetingItemView, type MeetingView } from '@wuye/contracts';
import PhotoGrid from '../../../../components/PhotoGrid';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { meetingPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { addMeetingItems, getMeeting } from '../../../../services/meetings';
import { newIdempotencyKey } from '../../../../services/outbox-queue';
import ItemCard from '../../components/ItemCard';
import ItemFields, { itemInputs, missingInItems, newItem, type ItemDraft } from '../../components/ItemFields';
import '../../meetings.scss';

/**
 * 追加议定事项: more items agreed at this meeting, for those who keep it (`can.addItems`). Sent with one key per form:
 * a retry after a lost answer adds them once; the next form gets a new key.
 */
function AddItems({ meeting, onAdded }: { meeting: MeetingView; onAdded: (meeting: MeetingView) => void }) {
  const [items, setItems] = useState<ItemDraft[] | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const today = shanghaiDate();
  const estates = meeting.communities.map((c) => ({ id: c.id, name: c.name }));
  const setItem = (i: number, change: Partial<ItemDraft>) => {
    setItems((all) => all && all.map((a, k) => (k === i ? { ...a, ...change } : a)));
    setProblem('');
  };
  const submit = async () => {
    if (busy || !items) return;
    const why = missingInItems(items, meeting.items.length);
    if (why) return setProblem(why);
    setBusy(true);
    setProblem('');
    try {
      onAdded(await addMeetingItems(meeting.id, itemInputs(items, meeting.communityId, estates.length > 1), key));
      setItems(null);
      setKey(newIdempotencyKey());
      void Taro.showToast({ title: '已追加', icon: 'success' });
    } catch (error) {
      // The draft stays, and so does its key: sent again, the items are added once.
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  if (!items) {
    return (
      <Button className="button button-small mt-add-items" onClick={() => setItems([newItem(today, meeting.heldOn)])}>
        ＋ 追加议定事项
      </Button>
    );
  }
  return (
    <View className="mt-items-form mt-add-items-form">
      {items.map((item, i) => (
        <ItemFields key={i} index={meeting.items.length + i} item={item} heldOn={meeting.heldOn} estates={estates} defaultEstate={meeting.communityId} onChange={(change) => setItem(i, change)} />
      ))}
      {items.length < MEETING_ITEMS_MAX ? (
        <Button className="button button-small mt-item-add" onClick={() => setItems((all) => all && [...all, newItem(today, meeting.heldOn)])}>
          ＋ 再加一项
        </Button>
      ) : null}
      {problem ? <View className="form-error mt-form-error">{problem}</View> : null}
      <Button className="button button-primary button-block mt-add-items-submit" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '保存追加的事项'}
      </Button>
      <Button className="button button-block mt-add-items-cancel" disabled={busy || undefined} onClick={() => (setItems(null), setProblem(''))}>
        取消
      </Button>
    </View>
  );
}

/** 联席会议: the meeting as recorded — attendees by party, agenda, minutes, sign-in sheet — and its agreed items. */
export default function MeetingPage() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: meetingPage(id) });
  const signedIn = gate.phase === 'signed-in';
  const load = useCallback(() => getMeeting(id), [id]);
  const remote = useRemote(load, { enabled: signedIn && id > 0 });
  const meeting = remote.data;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看联席会议。" />;

  const replace = (item: MeetingItemView) => meeting && remote.show({ ...meeting, items: meeting.items.map((i) => (i.id === item.id ? item : i)) });
  return (
    <View className="page mt-page mt-meeting">
      <RemoteStatus phase={remote.phase} errorTitle="会议记录没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && meeting ? (
        <View>
          <View className="card mt-head">
            <View className="card-title">
              {meeting.communityName} · {MEETING_KIND_LABELS[meeting.kind]}
            </View>
            <View className="mt-facts">
              <Text>{meeting.heldOn}</Text>
              <Text>{meeting.officeName}召集</Text>
            </View>
            {meeting.communities.length > 1 ? <View className="muted mt-estates-covered">涉及小区：{meeting.communities.map((c) => c.name).join('、')}</View> : null}
          </View>
          <View className="card mt-items">
            <View className="card-title">议定事项</View>
            {meeting.items.map((item) => (
              <View key={item.id}>
                {meeting.communities.length > 1 ? <View className="field-label mt-item-estate">{item.communityName}</View> : null}
                <ItemCard item={item} onChanged={replace} onStale={() => void remote.reload(true)} />
              </View>
            ))}
            {meeting.can.addItems ? <AddItems meeting={meeting} onAdded={remote.show} /> : null}
          </View>
          <View className="card mt-attendee-list">
            <View className="card-title">参会人员</View>
            {meeting.attendees.map((a, i) => (
              <View key={i} className="mt-facts">
                <Text>{MEETING_PARTY_LABELS[a.party]}</Text>
                <Text>{a.name}</Text>
              </View>
            ))}
          </View>
          {meeting.agenda.length > 0 ? (
            <View className="card mt-agenda-list">
              <View className="card-title">议题</View>
              {meeting.agenda.map((a, i) => (
                <View key={i} className="wrap-text mt-agenda-entry">
                  {i + 1}. {a.text}
                  {a.ticketId ? <Text className="muted"> （工单 #{a.ticketId}）</Text> : null}
                  {a.questionId ? <Text className="muted"> （公示质询 #{a.questionId}）</Text> : null}
                  {a.rectificationId ? <Text className="muted"> （整改单 #{a.rectificationId}）</Text> : null}
                </View>
              ))}
            </View>
          ) : null}
          <View className="card mt-minutes-view">
            <View className="card-title">会议纪要</View>
            <View className="wrap-text">{meeting.minutes}</View>
            <PhotoGrid photos={meeting.signInPhotos} className="mt-sign-in-photos" />
          </View>
        </View>
      ) : null}
    </View>
  );
}
