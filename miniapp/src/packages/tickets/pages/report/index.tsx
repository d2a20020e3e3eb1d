import { useReducer, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { TicketSummary } from '@wuye/contracts';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { usePhotoPicker } from '../../../../components/PhotoPicker';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { BIND_PAGE, TICKETS_PAGE, TICKET_REPORT_PAGE, ticketDetailPage } from '../../../../routes';
import { DEFAULT_CLIENT_CONFIG, askSubscriptions, getClientConfig } from '../../../../services/client-config';
import { showError } from '../../../../services/errors';
import { discardReport, keepPhotosOnPhone, queueReport, sendReport } from '../../../../services/outbox';
import { followTicket, similarTickets } from '../../../../services/tickets';
import { uploadPhoto } from '../../../../services/uploads';
import { approvedHouses, residentCommunities } from '../../residence';
import { EMPTY_DRAFT, isPrivate, reportDraftReducer, reportInput, reportProblem } from './draft';
import PhotosSection from './sections/PhotosSection';
import SimilarSection from './sections/SimilarSection';
import SubmitSection from './sections/SubmitSection';
import WhatSection from './sections/WhatSection';
import WhereSection from './sections/WhereSection';
import '../index/index.scss';
import './index.scss';

/** Back to 我的报事: the page below when the form was opened from it, otherwise in place of the form. */
function showMyTickets(): void {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  const below = pages.length > 1 ? pages[pages.length - 2] : undefined;
  const route = `/${(below?.route ?? '').replace(/^\//, '').split('?')[0]}`;
  if (route === TICKETS_PAGE) void Taro.navigateBack();
  else void Taro.redirectTo({ url: TICKETS_PAGE });
}

/** 随手拍: estate, kind and category, up to 9 photos, what and where; similar open tickets first; then send or keep. */
export default function ReportTicket() {
  const gate = useSession({ returnTo: TICKET_REPORT_PAGE });
  const { me, phase: mePhase, errorMessage: meError, reload: reloadMe } = useMe(gate.phase);
  // Offline the defaults serve: a report can still be written and kept for sending.
  const config = useRemote(getClientConfig).data ?? DEFAULT_CLIENT_CONFIG;
  const [draft, dispatch] = useReducer(reportDraftReducer, EMPTY_DRAFT);
  const [submitting, setSubmitting] = useState(false);
  const [following, setFollowing] = useState<number | null>(null);
  const subscriptionAsked = useRef(false);
  // Each photo is uploaded as soon as it is chosen; one that could not be (offline) goes later with the report.
  const photos = usePhotoPicker({ max: config.maxPhotos, maxBytes: config.maxUploadBytes, upload: (file) => uploadPhoto(file.path) });

  const communities = me ? residentCommunities(me) : [];
  const communityId = draft.communityId ?? communities[0]?.id ?? null;
  const houses = me ? approvedHouses(me).filter((h) => h.communityId === communityId) : [];

  /** Keeps the report on the phone first (it cannot be lost from here on), then sends it with its own key. */
  const send = async () => {
    if (!me || !draft.category || communityId === null) return;
    setSubmitting(true);
    dispatch({ type: 'problem', message: '' });
    const shots = await photos.settled();
    const entry = queueReport(
      me.id,
      { input: reportInput(draft, communityId, draft.category), communityName: communities.find((c) => c.id === communityId)?.name ?? '', categoryName: draft.category.name },
      shots.map((shot) => ({ localPath: shot.path, uploadId: shot.answer?.id ?? null })),
    );
    const outcome = await sendReport(entry.key);
    if (outcome.status === 'sent') {
      setSubmitting(false);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: ticketDetailPage(outcome.ticket.id) });
    } else if (outcome.status === 'waiting') {
      await keepPhotosOnPhone(entry.key);
      setSubmitting(false);
      await Taro.showModal({ title: '已保存，待发送', content: `${outcome.message}。报事已保存在手机上，有网络时会自动发送，不会重复提交。`, showCancel: false, confirmText: '知道了' });
      showMyTickets();
    } else {
      // Refused (e.g. a category just switched off): nothing was filed; the resident corrects the form.
      discardReport(entry.key);
      setSubmitting(false);
      dispatch({ type: 'problem', message: outcome.error.message });
    }
  };

  const submit = async () => {
    if (submitting) return;
    const problem = reportProblem(draft);
    if (problem) {
      dispatch({ type: 'problem', message: problem });
      return;
    }
    // From the tap itself, as WeChat requires; whatever the answer, the report goes on.
    if (!subscriptionAsked.current) {
      subscriptionAsked.current = true;
      askSubscriptions(config);
    }
    if (draft.similar === null && !isPrivate(draft) && communityId !== null && draft.category) {
      setSubmitting(true);
      try {
        const found = await similarTickets(communityId, draft.category.code, draft.place);
        if (found.length > 0) {
          dispatch({ type: 'similarFound', tickets: found });
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
  if (communityId === null) {
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

  const similarOffered = draft.similar !== null && draft.similar.length > 0;
  return (
    <View className="page report">
      <WhatSection communities={communities} communityId={communityId} draft={draft} dispatch={dispatch} />
      <PhotosSection photos={photos} />
      <WhereSection draft={draft} houses={houses} dispatch={dispatch} />
      {similarOffered ? <SimilarSection tickets={draft.similar ?? []} following={following} onMeToo={(ticket) => void meToo(ticket)} /> : null}
      <SubmitSection formError={draft.formError} submitting={submitting} similarOffered={similarOffered} onSubmit={() => void submit()} />
      <PrivacyDialog />
    </View>
  );
}
