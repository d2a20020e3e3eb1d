import { useCallback } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MEETING_KIND_LABELS, MEETING_PARTY_LABELS, type MeetingItemView } from '@wuye/contracts';
import PhotoGrid from '../../../../components/PhotoGrid';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { meetingPage } from '../../../../routes';
import { getMeeting } from '../../../../services/meetings';
import ItemCard from '../../components/ItemCard';
import '../../meetings.scss';

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
