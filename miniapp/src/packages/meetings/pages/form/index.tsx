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
  shanghaiDate,
  type AgendaCandidates,
  type AgendaEntry,
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
import { getAgendaCandidates, recordMeeting } from '../../../../services/meetings';
import { newIdempotencyKey } from '../../../../services/outbox-queue';
import { listScopedCommunities } from '../../../../services/roles';
import { uploadFile } from '../../../../services/uploads';
import ItemFields, { itemInputs, missingInItems, newItem, type ItemDraft } from '../../components/ItemFields';
import '../../meetings.scss';

interface Attendee {
  party: MeetingParty;
  name: string;
}
/** A source the agenda may draw on, whichever kind: keyed t:/q:/r: + id. */
interface Candidate {
  key: string;
  kind: string;
  communityId: number;
  label: string;
  entry: AgendaEntry;
}

/** The agenda sources, in the order the form lists them: 督办 referred to the meeting, owners' questions, rectification orders. */
function candidatesOf(c: AgendaCandidates | null): Candidate[] {
  if (!c) return [];
  return [
    ...c.tickets.map((r) => ({ key: `t:${r.ticketId}`, kind: '督办工单', communityId: r.communityId, label: r.subject, entry: { text: r.subject, ticketId: r.ticketId } })),
    ...c.questions.map((q) => ({ key: `q:${q.id}`, kind: q.answered ? '公示质询（已回复）' : '公示质询', communityId: q.communityId, label: `${q.disclosureTitle}：${q.text}`, entry: { text: `业主质询：${q.text}`.slice(0, MEETING_TEXT_MAX), questionId: q.id } })),
    ...c.rectifications.map((r) => ({ key: `r:${r.id}`, kind: r.overdue ? '整改单（逾期）' : '整改单', communityId: r.communityId, label: r.itemText, entry: { text: `整改单：${r.itemText}`, rectificationId: r.id } })),
  ];
}

/**
 * 记录联席会: the estate (a 协调委员会 may cover several of the office's), kind and date; who attended for which party; the minutes and a photo of the sign-in sheet;
 * the agenda (the tickets the office referred from its 督办 queue, owners' questions on disclosures, rectification
 * orders of the covered estates, and free text); the agreed items, each of one covered estate, with the party and
 * person who answer for it, a deadline and the agenda source it decides. Sent with one key per form: a retry records it once.
 */
export default function MeetingForm() {
  const gate = useSession({ returnTo: MEETING_FORM_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const estates = useRemote(useCallback(async () => (await listScopedCommunities()).items.map((c) => ({ id: c.id, name: c.name })), []), { enabled: signedIn });
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates.data?.[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const [kind, setKind] = useState<MeetingKind>('four_party');
  /** The other estates a 协调委员会 covers. */
  const [others, setOthers] = useState<number[]>([]);
  const covered = communityId === null ? [] : [communityId, ...(kind === 'coordination' ? others.filter((id) => id !== communityId) : [])];
  const coveredKey = covered.join(',');
  const sources = useRemote(
    useCallback(() => getAgendaCandidates(coveredKey.split(',').map(Number)), [coveredKey]),
    { enabled: signedIn && coveredKey !== '' },
  );
  const today = shanghaiDate();
  const [heldOn, setHeldOn] = useState(today);
  const [attendees, setAttendees] = useState<Attendee[]>([{ party: 'community_party', name: '' }]);
  const [minutes, setMinutes] = useState('');
  const [discussed, setDiscussed] = useState<string[]>([]);
  const [agendaText, setAgendaText] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([newItem(today)]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const photos = usePhotoPicker({ max: MEETING_PHOTOS_MAX, upload: (file) => uploadFile(file.path) });
  const pending = candidatesOf(sources.data).filter((c) => covered.includes(c.communityId));
  const chosen = pending.filter((c) => discussed.includes(c.key));
  const estateChoices = (estates.data ?? []).filter((e) => covered.includes(e.id));

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
    return missingInItems(items);
  };

  const submit = async () => {
    if (busy || communityId === null) return;
    const why = missing();
    if (why) return setProblem(why);
    setBusy(true);
    setProblem('');
    try {
      const several = covered.length > 1;
      const agenda = [
        ...chosen.map((c) => c.entry),
        ...agendaText
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((text) => ({ text })),
      ];
      const meeting = await recordMeeting(
        {
          communityId,
          ...(several ? { communityIds: covered } : {}),
          kind,
          heldOn,
          attendees: attendees.filter((a) => a.name.trim()).map((a) => ({ party: a.party, name: a.name.trim() })),
          minutes: minutes.trim(),
          signInPhotoIds: photos.shots.flatMap((s) => (s.answer ? [s.answer.id] : [])),
          agenda,
          items: itemInputs(items, communityId, several, chosen),
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
            {kind === 'coordination' && (estates.data?.length ?? 0) > 1 ? (
              <View className="field">
                <View className="field-label">涉及的其他小区（点选）</View>
                {(estates.data ?? [])
                  .filter((e) => e.id !== communityId)
                  .map((e) => {
                    const on = others.includes(e.id);
                    return (
                      <View key={e.id} className={`mt-row mt-covered${on ? ' mt-covered-on' : ''}`} onClick={() => setOthers((all) => (on ? all.filter((id) => id !== e.id) : [...all, e.id]))}>
                        <View className="mt-row-main">{e.name}</View>
                        <Text className={`badge ${on ? 'badge-approved' : 'badge-pending'}`}>{on ? '已涉及' : '涉及'}</Text>
                      </View>
                    );
                  })}
              </View>
            ) : null}
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
                <View className="field-label">督办工单、业主质询、整改单（点选列入议题）</View>
                {pending.map((c) => {
                  const on = discussed.includes(c.key);
                  return (
                    <View key={c.key} className={`mt-row mt-referral mt-source-${c.key[0]}${on ? ' mt-referral-on' : ''}`} onClick={() => setDiscussed((all) => (on ? all.filter((k) => k !== c.key) : [...all, c.key]))}>
                      <View className="mt-row-main">
                        <View className="wrap-text">{c.label}</View>
                        <View className="muted">
                          {c.kind}
                          {covered.length > 1 ? ` · ${estateChoices.find((e) => e.id === c.communityId)?.name ?? ''}` : ''}
                        </View>
                      </View>
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
              <ItemFields key={i} index={i} item={item} heldOn={heldOn} estates={estateChoices} defaultEstate={communityId} sources={chosen} onChange={(change) => setItem(i, change)} />
            ))}
            <Button className="button button-small mt-item-add" onClick={() => setItems((all) => [...all, newItem(today)])}>
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
