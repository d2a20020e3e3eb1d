import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import {
  TICKET_DESCRIPTION_MAX,
  TICKET_KINDS,
  TICKET_KIND_LABELS,
  type MyHouse,
  type TicketCategory,
  type TicketKind,
  type TicketSummary,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { BIND_PAGE, TICKETS_PAGE, TICKET_REPORT_PAGE, ticketDetailPage } from '../../../../routes';
import { DEFAULT_CLIENT_CONFIG, askTicketSubscriptions, getClientConfig, type ClientConfig } from '../../../../services/client-config';
import { LOAD_FAILED, errorText, showError } from '../../../../services/errors';
import { discardReport, keepPhotosOnPhone, queueReport, sendReport } from '../../../../services/outbox';
import { followTicket, listTicketCategories, similarTickets } from '../../../../services/tickets';
import TicketCard from '../../../../components/TicketCard';
import { approvedHouses, residentCommunities } from '../../residence';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import { uploadPhoto } from '../../../../services/uploads';
import TextBox from '../../../../components/TextBox';
import '../index/index.scss';
import './index.scss';

const PLACE_MAX = 100;

type Load<T> = { phase: 'loading' } | { phase: 'ready'; items: T } | { phase: 'error'; message: string };

export interface ReportDraft {
  kind: TicketKind;
  category: TicketCategory | null;
  description: string;
  place: string;
  ownHouse: boolean;
  house: MyHouse | null;
}

/** What is missing before a report can go, in the resident's words; null when it is complete. */
export function reportProblem(draft: ReportDraft): string | null {
  if (!draft.category) return '请选择问题类别';
  const description = draft.description.trim();
  if (!description) return '请描述一下问题';
  if (description.length > TICKET_DESCRIPTION_MAX) return `问题描述最多 ${TICKET_DESCRIPTION_MAX} 字`;
  if (draft.ownHouse && !draft.house) return '请选择要报修的房屋';
  if (!draft.ownHouse && !draft.place.trim()) return '请填写问题所在的位置，例如“3栋1单元大堂”';
  return null;
}

/** Back to 我的报事: the page below when the form was opened from it, otherwise in place of the form. */
function showMyTickets(): void {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  const below = pages.length > 1 ? pages[pages.length - 2] : undefined;
  const route = `/${(below?.route ?? '').replace(/^\//, '').split('?')[0]}`;
  if (route === TICKETS_PAGE) void Taro.navigateBack();
  else void Taro.redirectTo({ url: TICKETS_PAGE });
}

/** Own-house repairs and complaints stay between the resident and the property (the API decides the same way). */
const isPrivate = (draft: Pick<ReportDraft, 'kind' | 'ownHouse'>) => draft.ownHouse || draft.kind === 'complaint';

/** 随手拍: estate, kind and category, up to 9 photos, what and where; similar open tickets first; then send or keep. */
export default function ReportTicket() {
  const gate = useSession({ returnTo: TICKET_REPORT_PAGE });
  const { me, phase: mePhase, errorMessage: meError, reload: reloadMe } = useMe(gate.phase);
  const [config, setConfig] = useState<ClientConfig>(DEFAULT_CLIENT_CONFIG);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [categories, setCategories] = useState<Load<TicketCategory[]>>({ phase: 'loading' });
  const [kind, setKind] = useState<TicketKind>('repair');
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [location, setLocation] = useState<{ lat: number; long: number } | null>(null);
  const [ownHouse, setOwnHouse] = useState(false);
  const [house, setHouse] = useState<MyHouse | null>(null);
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [similar, setSimilar] = useState<TicketSummary[] | null>(null);
  const [following, setFollowing] = useState<number | null>(null);
  const subscriptionAsked = useRef(false);
  const chosenCommunity = useRef<number | null>(null);

  useEffect(() => {
    void getClientConfig().then(setConfig);
  }, []);

  const communities = me ? residentCommunities(me) : [];
  const shownCommunity = communityId ?? communities[0]?.id ?? null;
  const houses = me ? approvedHouses(me).filter((h) => h.communityId === shownCommunity) : [];

  const loadCategories = useCallback(async (id: number) => {
    chosenCommunity.current = id;
    setCategories({ phase: 'loading' });
    try {
      const items = (await listTicketCategories(id)).filter((c) => c.active);
      if (chosenCommunity.current === id) setCategories({ phase: 'ready', items });
    } catch (error) {
      if (chosenCommunity.current === id) setCategories({ phase: 'error', message: errorText(error, LOAD_FAILED) });
    }
  }, []);

  useEffect(() => {
    if (shownCommunity !== null) void loadCategories(shownCommunity);
  }, [shownCommunity, loadCategories]);

  const draft: ReportDraft = { kind, category, description, place, ownHouse: kind === 'repair' && ownHouse, house };
  const edited = () => {
    setFormError('');
    setSimilar(null);
  };

  // Each photo is uploaded as soon as it is chosen; one that could not be (offline) goes later with the report.
  const photos = usePhotoPicker({ max: config.maxPhotos, maxBytes: config.maxUploadBytes, upload: (file) => uploadPhoto(file.path) });

  const chooseLocation = async () => {
    try {
      const chosen = await Taro.chooseLocation({});
      setPlace((chosen.name || chosen.address || '').slice(0, PLACE_MAX));
      setLocation({ lat: chosen.latitude, long: chosen.longitude });
      edited();
    } catch {
      // Cancelled or refused: the typed place is enough.
    }
  };

  const send = async () => {
    if (!me || !category || shownCommunity === null) return;
    setSubmitting(true);
    setFormError('');
    const shots = await photos.settled();
    const community = communities.find((c) => c.id === shownCommunity);
    const trimmedPlace = place.trim();
    const entry = queueReport(
      me.id,
      {
        input: {
          communityId: shownCommunity,
          kind,
          categoryCode: category.code,
          description: description.trim(),
          ...(draft.ownHouse && house ? { houseId: house.houseId } : {}),
          ...(trimmedPlace ? { place: trimmedPlace } : {}),
          ...(location ? { lat: location.lat, long: location.long } : {}),
        },
        communityName: community?.name ?? '',
        categoryName: category.name,
      },
      shots.map((shot) => ({ localPath: shot.path, uploadId: shot.answer?.id ?? null })),
    );
    const outcome = await sendReport(entry.key);
    if (outcome.status === 'sent') {
      setSubmitting(false);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: ticketDetailPage(outcome.ticket.id) });
      return;
    }
    if (outcome.status === 'waiting') {
      await keepPhotosOnPhone(entry.key);
      setSubmitting(false);
      await Taro.showModal({ title: '已保存，待发送', content: `${outcome.message}。报事已保存在手机上，有网络时会自动发送，不会重复提交。`, showCancel: false, confirmText: '知道了' });
      showMyTickets();
      return;
    }
    // Refused (e.g. a category just switched off): nothing was filed; the resident corrects the form.
    discardReport(entry.key);
    setSubmitting(false);
    setFormError(outcome.error.message);
  };

  const submit = async () => {
    if (submitting) return;
    const problem = reportProblem(draft);
    if (problem) {
      setFormError(problem);
      return;
    }
    // From the tap itself, as WeChat requires; whatever the answer, the report goes on.
    if (!subscriptionAsked.current) {
      subscriptionAsked.current = true;
      askTicketSubscriptions(config);
    }
    if (similar === null && !isPrivate(draft) && shownCommunity !== null && category) {
      setSubmitting(true);
      try {
        const found = await similarTickets(shownCommunity, category.code, place);
        if (found.length > 0) {
          setSimilar(found);
          setSubmitting(false);
          return;
        }
      } catch {
        // Offline or the check failed: the report itself matters more.
      }
      setSubmitting(false);
    }
    await send();
  };

  const meToo = async (ticket: TicketSummary) => {
    setFollowing(ticket.id);
    try {
      await followTicket(ticket.id);
      void Taro.showToast({ title: '已关注，进度会通知您', icon: 'none', duration: 2500 });
      void Taro.redirectTo({ url: ticketDetailPage(ticket.id) });
    } catch (error) {
      showError(error);
    } finally {
      setFollowing(null);
    }
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page report">
        <SessionNotice gate={gate} purpose="登录后才能报事。" />
      </View>
    );
  }
  if (!me) {
    return (
      <View className="page report">
        {mePhase === 'error' ? (
          <StatusNotice className="report-me-error" title="没能加载您的信息" text={meError} actionText="重试" onAction={() => void reloadMe()} />
        ) : (
          <StatusNotice className="report-loading" title="正在加载…" />
        )}
      </View>
    );
  }
  if (communities.length === 0) {
    return (
      <View className="page report">
        <StatusNotice
          className="report-no-house"
          title="还不能报事"
          text="绑定房屋后才能报事。请在“我的”中申请绑定房屋。"
          actionText="申请绑定房屋"
          onAction={() => void Taro.navigateTo({ url: BIND_PAGE })}
        />
      </View>
    );
  }

  return (
    <View className="page report">
      <View className="card report-section">
        <View className="card-title">小区</View>
        {communities.length > 1 ? (
          <ChoiceChips
            className="report-communities"
            itemClassName="report-community"
            items={communities}
            keyOf={(c) => c.id}
            labelOf={(c) => c.name}
            isSelected={(c) => c.id === shownCommunity}
            onChoose={(c) => {
              setCommunityId(c.id);
              setCategory(null);
              setHouse(null);
              edited();
            }}
          />
        ) : (
          <View className="report-community-name">{communities[0].name}</View>
        )}
      </View>

      <View className="card report-section">
        <View className="card-title">反映什么</View>
        <ChoiceChips
          className="report-kinds"
          itemClassName="report-kind"
          items={TICKET_KINDS}
          keyOf={(k) => k}
          labelOf={(k) => TICKET_KIND_LABELS[k]}
          isSelected={(k) => k === kind}
          onChoose={(k) => {
            setKind(k);
            edited();
          }}
        />
        <View className="field-label">问题类别</View>
        {categories.phase === 'loading' ? <View className="muted">正在加载…</View> : null}
        {categories.phase === 'error' ? (
          <StatusNotice className="report-categories-error" title="类别没能加载" text={categories.message} actionText="重试" onAction={() => shownCommunity !== null && void loadCategories(shownCommunity)} />
        ) : null}
        {categories.phase === 'ready' ? (
          <ChoiceChips
            className="report-categories"
            itemClassName="report-category"
            items={categories.items}
            keyOf={(c) => c.code}
            labelOf={(c) => (c.emergency ? `${c.name}（紧急）` : c.name)}
            isSelected={(c) => c.code === category?.code}
            onChoose={(c) => {
              setCategory(c);
              edited();
            }}
          />
        ) : null}
      </View>

      <View className="card report-section">
        <View className="card-title">
          照片（选填，最多 {config.maxPhotos} 张）
        </View>
        <PhotoPicker picker={photos} className="report-photos" sources="separate" />
        <View className="field-hint">照片上传前会去掉拍摄地点等信息。</View>
      </View>

      <View className="card report-section">
        <View className="field report-description">
          <View className="field-label">问题描述</View>
          <TextBox
            className="report-description-input"
            value={description}
            max={TICKET_DESCRIPTION_MAX}
            placeholder="例如：3栋1单元电梯按钮失灵，按了不亮"
            onChange={(value) => {
              setDescription(value);
              edited();
            }}
          />
          <View className="field-hint report-description-count">
            {description.length}/{TICKET_DESCRIPTION_MAX}
          </View>
        </View>

        {kind === 'repair' && houses.length > 0 ? (
          <View className="field report-where">
            <View className="field-label">报修哪里</View>
            <View className="chips report-scope">
              <View className={`chip report-scope-common${!ownHouse ? ' chip-selected' : ''}`} onClick={() => (setOwnHouse(false), edited())}>
                公共区域
              </View>
              <View className={`chip report-scope-own${ownHouse ? ' chip-selected' : ''}`} onClick={() => (setOwnHouse(true), setHouse(houses.length === 1 ? houses[0] : house), edited())}>
                我家里
              </View>
            </View>
            {ownHouse ? (
              <ChoiceChips
                className="report-houses"
                itemClassName="report-house"
                items={houses}
                keyOf={(h) => h.houseId}
                labelOf={(h) => h.houseLabel}
                isSelected={(h) => h.houseId === house?.houseId}
                onChoose={(h) => (setHouse(h), edited())}
              />
            ) : null}
          </View>
        ) : null}

        <View className="field report-place">
          <View className="field-label">{draft.ownHouse ? '具体位置（选填）' : '问题位置'}</View>
          <Input
            className="input report-place-input"
            value={place}
            maxlength={PLACE_MAX}
            placeholder="例如：3栋1单元大堂"
            onInput={(event) => {
              setPlace(event.detail.value.slice(0, PLACE_MAX));
              setLocation(null);
              edited();
            }}
          />
          {process.env.TARO_ENV === 'weapp' ? (
            <View className="button-row">
              <Button className="button button-small report-locate" onClick={() => void chooseLocation()}>
                在地图上选择
              </Button>
              {location ? (
                <Button className="button button-small report-locate-clear" onClick={() => setLocation(null)}>
                  不附带定位
                </Button>
              ) : null}
            </View>
          ) : null}
          {location ? <View className="field-hint">已附带地图位置，只有物业能看到。</View> : null}
        </View>

        <View className="muted report-visibility wrap-text">
          {isPrivate(draft)
            ? `${draft.ownHouse ? '家中报修' : '投诉'}只有您和物业能看到。`
            : '这条报事会显示在小区公告板上，您的姓名和门牌号不会公开。'}
        </View>
      </View>

      {similar && similar.length > 0 ? (
        <View className="card report-similar">
          <View className="card-title">附近已经有人反映过类似问题</View>
          <View className="muted">如果是同一个问题，点“我也遇到”关注它，处理进度会通知您，不用重复报事。</View>
          {similar.map((ticket) => (
            <View key={ticket.id} className="report-similar-item">
              <TicketCard ticket={ticket} audience="resident" showReporter onOpen={() => void Taro.navigateTo({ url: ticketDetailPage(ticket.id) })} />
              <Button className="button button-small button-primary report-me-too" disabled={following !== null || undefined} onClick={() => void meToo(ticket)}>
                {following === ticket.id ? '正在关注…' : '我也遇到'}
              </Button>
            </View>
          ))}
        </View>
      ) : null}

      {formError ? <View className="form-error report-error">{formError}</View> : null}
      <Button className="button button-primary button-block report-submit" disabled={submitting || undefined} onClick={() => void submit()}>
        {submitting ? '正在提交…' : similar && similar.length > 0 ? '不是同一个问题，继续提交' : '提交'}
      </Button>
      <PrivacyDialog />
    </View>
  );
}
