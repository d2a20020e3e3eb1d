import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  MEETING_KINDS,
  MEETING_KIND_LABELS,
  MEETING_MINUTES_MAX,
  MEETING_NAME_MAX,
  MEETING_PARTIES,
  MEETING_PARTY_LABELS,
  MEETING_PHOTOS_MAX,
  MEETING_TEXT_MAX,
  addDays,
  shanghaiDate,
  type MeetingKind,
  type MeetingParty,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { MEETING_FORM_PAGE, meetingPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { listReferrals, recordMeeting } from '../../../../services/meetings';
import { newIdempotencyKey } from '../../../../services/outbox-queue';
import { listScopedCommunities } from '../../../../services/roles';
import { uploadFile } from '../../../../services/uploads';
import '../../meetings.scss';

interface Attendee {
  party: MeetingParty;
  name: string;
}
interface ItemDraft {
  text: string;
  ownerParty: MeetingParty;
  ownerName: string;
  deadline: string;
  /** The referred ticket it decides, if any. */
  ticketId: number | null;
}

const NO_TICKET = { id: 0, label: '不关联工单' };

/**
 * 记录联席会: the estate, kind and date; who attended for which party; the minutes and a photo of the sign-in sheet;
 * the agenda (the tickets the office referred from its 督办 queue, and free text); the agreed items, each with the
 * party and person who answer for it and a deadline. Sent with one key per form: a retry records it once.
 */
export default function MeetingForm() {
  const gate = useSession({ returnTo: MEETING_FORM_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const estates = useRemote(useCallback(async () => (await listScopedCommunities()).items.map((c) => ({ id: c.id, name: c.name })), []), { enabled: signedIn });
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates.data?.[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const referrals = useRemote(
    useCallback(() => listReferrals(communityId as number), [communityId]),
    { enabled: signedIn && communityId !== null },
  );
  const today = shanghaiDate();
  const [kind, setKind] = useState<MeetingKind>('four_party');
  const [heldOn, setHeldOn] = useState(today);
  const [attendees, setAttendees] = useState<Attendee[]>([{ party: 'community_party', name: '' }]);
  const [minutes, setMinutes] = useState('');
  const [discussed, setDiscussed] = useState<number[]>([]);
  const [agendaText, setAgendaText] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([{ text: '', ownerParty: 'property', ownerName: '', deadline: addDays(today, 14), ticketId: null }]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const photos = usePhotoPicker({ max: MEETING_PHOTOS_MAX, upload: (file) => uploadFile(file.path) });
  const pending = referrals.data ?? [];
  const ticketChoices = [NO_TICKET, ...pending.filter((r) => discussed.includes(r.ticketId)).map((r) => ({ id: r.ticketId, label: r.subject }))];

  const setAttendee = (i: number, change: Partial<Attendee>) => setAttendees((all) => all.map((a, k) => (k === i ? { ...a, ...change } : a)));
  const setItem = (i: number, change: Partial<ItemDraft>) => {
    setItems((all) => all.map((a, k) => (k === i ? { ...a, ...change } : a)));
    setProblem('');
  };

  /** What is missing, in the order a person fills the form in; null when it may be sent. */
  const missing = (): string | null => {
    if (communityId === null) return '请选择小区';
    if (!attendees.some((a) => a.name.trim())) return '请填写参会人员';
    if (!minutes.trim()) return '请填写会议纪要';
    if (photos.shots.some((s) => s.state !== 'done')) return '签到表照片还没有上传完成';
    for (const [i, item] of items.entries()) {
      if (!item.text.trim()) return `请填写第 ${i + 1} 个议定事项`;
      if (!item.ownerName.trim()) return `请填写第 ${i + 1} 个议定事项的责任人`;
    }
    return null;
  };

  const submit = async () => {
    if (busy || communityId === null) return;
    const why = missing();
    if (why) return setProblem(why);
    setBusy(true);
    setProblem('');
    try {
      const agenda = [
        ...pending.filter((r) => discussed.includes(r.ticketId)).map((r) => ({ text: r.subject, ticketId: r.ticketId })),
        ...agendaText
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((text) => ({ text })),
      ];
      const meeting = await recordMeeting(
        {
          communityId,
          kind,
          heldOn,
          attendees: attendees.filter((a) => a.name.trim()).map((a) => ({ party: a.party, name: a.name.trim() })),
          minutes: minutes.trim(),
          signInPhotoIds: photos.shots.flatMap((s) => (s.answer ? [s.answer.id] : [])),
          agenda,
          items: items.map((i) => ({ text: i.text.trim(), ownerParty: i.ownerParty, ownerName: i.ownerName.trim(), deadline: i.deadline, ticketId: i.ticketId ?? undefined })),
        },
        key,
      );
      void Taro.showToast({ title: '已记录', icon: 'success' });
      void Taro.redirectTo({ url: meetingPage(meeting.id) });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后记录联席会议。" />;

  return (
    <View className="page mt-page mt-form">
      <RemoteStatus phase={estates.phase} errorTitle="小区没能加载" errorMessage={estates.errorMessage} onRetry={() => void estates.reload()} />
      {estates.data && estates.data.length > 1 ? <ChoiceChips className="mt-estates" itemClassName="mt-estate" items={estates.data} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      {communityId !== null ? (
        <View>
          <View className="card mt-form-head">
            <View className="field">
              <View className="field-label">会议类型</View>
              <ChoiceChips className="mt-kinds" itemClassName="mt-kind" items={MEETING_KINDS} labels={MEETING_KIND_LABELS} chosen={kind} onChoose={setKind} />
            </View>
            <View className="field">
              <View className="field-label">会议日期</View>
              <Picker mode="date" value={heldOn} end={today} onChange={(e) => setHeldOn(String(e.detail.value))}>
                <View className="input mt-date">{heldOn}</View>
              </Picker>
            </View>
          </View>

          <View className="card mt-attendees">
            <View className="card-title">参会人员</View>
            {attendees.map((a, i) => (
              <View key={i} className="mt-attendee">
                <ChoiceChips className="mt-attendee-parties" itemClassName="mt-attendee-party" items={MEETING_PARTIES} labels={MEETING_PARTY_LABELS} chosen={a.party} onChoose={(party) => setAttendee(i, { party })} />
                <Input className="input mt-attendee-name" value={a.name} maxlength={MEETING_NAME_MAX} placeholder="姓名或职务，例如：王书记" onInput={(e) => setAttendee(i, { name: e.detail.value })} />
              </View>
            ))}
            <Button className="button button-small mt-attendee-add" onClick={() => setAttendees((all) => [...all, { party: 'property', name: '' }])}>
              ＋ 再加一位
            </Button>
          </View>

          <View className="card mt-agenda">
            <View className="card-title">议题</View>
            {pending.length > 0 ? (
              <View className="field">
                <View className="field-label">社区提交联席会的工单（点选列入议题）</View>
                {pending.map((r) => {
                  const on = discussed.includes(r.ticketId);
                  return (
                    <View
                      key={r.id}
                      className={`mt-row mt-referral${on ? ' mt-referral-on' : ''}`}
                      onClick={() => setDiscussed((all) => (on ? all.filter((id) => id !== r.ticketId) : [...all, r.ticketId]))}
                    >
                      <View className="mt-row-main wrap-text">{r.subject}</View>
                      <Text className={`badge ${on ? 'badge-approved' : 'badge-pending'}`}>{on ? '已列入' : '列入议题'}</Text>
                    </View>
                  );
                })}
              </View>
            ) : null}
            <View className="field">
              <View className="field-label">其他议题（每行一项）</View>
              <TextBox className="mt-agenda-text" value={agendaText} max={MEETING_TEXT_MAX} placeholder="例如：电动自行车充电棚选址" onChange={setAgendaText} />
            </View>
          </View>

          <View className="card mt-minutes">
            <View className="card-title">会议纪要</View>
            <TextBox className="mt-minutes-text" value={minutes} max={MEETING_MINUTES_MAX} placeholder="会议讨论的情况和形成的意见" onChange={setMinutes} />
            <View className="field">
              <View className="field-label">签到表照片</View>
              <PhotoPicker picker={photos} className="mt-sign-in" disabled={busy} />
            </View>
          </View>

          <View className="card mt-items-form">
            <View className="card-title">议定事项</View>
            {items.map((item, i) => (
              <View key={i} className="mt-item-form">
                <View className="field-label">第 {i + 1} 项</View>
                <TextBox className="mt-item-text" value={item.text} max={MEETING_TEXT_MAX} placeholder="例如：物业两周内更换3栋电梯门机" onChange={(text) => setItem(i, { text })} />
                <View className="field-label">责任方</View>
                <ChoiceChips className="mt-item-parties" itemClassName="mt-item-party" items={MEETING_PARTIES} labels={MEETING_PARTY_LABELS} chosen={item.ownerParty} onChoose={(ownerParty) => setItem(i, { ownerParty })} />
                <Input className="input mt-item-owner" value={item.ownerName} maxlength={MEETING_NAME_MAX} placeholder="责任人" onInput={(e) => setItem(i, { ownerName: e.detail.value })} />
                <View className="field-label">完成期限</View>
                <Picker mode="date" value={item.deadline} start={heldOn} onChange={(e) => setItem(i, { deadline: String(e.detail.value) })}>
                  <View className="input mt-item-deadline">{item.deadline}</View>
                </Picker>
                {ticketChoices.length > 1 ? (
                  <View>
                    <View className="field-label">对应的工单</View>
                    <ChoiceChips className="mt-item-tickets" itemClassName="mt-item-ticket" items={ticketChoices} labelOf={(c) => c.label} chosen={item.ticketId ?? 0} onChoose={(c) => setItem(i, { ticketId: c.id || null })} />
                  </View>
                ) : null}
              </View>
            ))}
            <Button className="button button-small mt-item-add" onClick={() => setItems((all) => [...all, { text: '', ownerParty: 'property', ownerName: '', deadline: addDays(today, 14), ticketId: null }])}>
              ＋ 再加一项
            </Button>
          </View>
          {problem ? <View className="form-error mt-form-error">{problem}</View> : null}
          <Button className="button button-primary button-block mt-submit" disabled={busy || undefined} onClick={() => void submit()}>
            {busy ? '正在提交…' : '保存会议记录'}
          </Button>
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
