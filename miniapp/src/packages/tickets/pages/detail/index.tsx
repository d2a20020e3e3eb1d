import { useCallback, useState, type ReactNode } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RATING_TAGS, shanghaiDateTime, TICKET_KIND_LABELS, type TicketView } from '@wuye/contracts';
import PhotoGrid from '../../../../components/PhotoGrid';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import TicketTimeline from '../../../../components/TicketTimeline';
import { useRemote } from '../../../../hooks/useRemote';
import { useShareCard } from '../../../../hooks/useShareCard';
import { ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import { useSession } from '../../../../hooks/useSession';
import { ticketDetailPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { followTicket, getTicket, isConcurrentChange, rateTicket, transitionTicket, unfollowTicket, urgeTicket } from '../../../../services/tickets';
import { TicketBadges } from '../../../../components/TicketCard';
import TextBox from '../../../../components/TextBox';
import '../index/index.scss';
import './index.scss';

const REASON_MAX = 500;
const COMMENT_MAX = 500;
const STARS = [1, 2, 3, 4, 5] as const;
const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** The reporter's answers that need a reason: 不满意重新办理 (reopen), 申诉 (appeal), 向社区申诉 (complain). */
type ReasonAction = 'reopen' | 'appeal' | 'complain';
const REASON_FORMS: Record<ReasonAction, { title: string; placeholder: string }> = {
  reopen: { title: '不满意，请物业重新办理', placeholder: '请说明哪里没有解决好' },
  appeal: { title: '申诉：请社区复核', placeholder: '请说明为什么应当受理' },
  complain: { title: '向社区申诉：请社区督办', placeholder: '请说明重新办理后仍没有解决的问题' },
};

/**
 * 评价: one row of large stars (older residents tap a star, not a word), optional tags and a comment, once, after
 * the result came back. Rating a resolved ticket also closes it, and the one button says so; the other answers the
 * API allows (只确认办结, 不满意重新办理) sit under it as quieter choices, not as rival buttons.
 */
function RatingForm({ onRate, busy, closes, children }: { onRate: (stars: number, tags: string[], comment: string) => void; busy: boolean; closes: boolean; children?: ReactNode }) {
  const [stars, setStars] = useState(0);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const submitText = closes ? '提交评价并办结' : '提交评价';
  return (
    <View className="card detail-rate">
      <View className="card-title">评价处理结果</View>
      <View className="detail-stars" role="group" ariaLabel="星级">
        {STARS.map((n) => (
          <View key={n} className={`detail-star${n <= stars ? ' detail-star-on' : ''}`} role="button" ariaLabel={`${n} 星`} onClick={() => setStars(n)}>
            ★
          </View>
        ))}
      </View>
      <View className="muted detail-star-word">{stars > 0 ? STAR_WORDS[stars] : '请点选星级'}</View>
      <View className="chips detail-tags">
        {RATING_TAGS.map((tag) => (
          <View
            key={tag}
            className={`chip detail-tag${tags.includes(tag) ? ' chip-selected' : ''}`}
            onClick={() => setTags((shown) => (shown.includes(tag) ? shown.filter((t) => t !== tag) : [...shown, tag]))}
          >
            {tag}
          </View>
        ))}
      </View>
      <TextBox className="detail-comment-input" value={comment} max={COMMENT_MAX} placeholder="还有什么想说的（选填）" onChange={setComment} />
      <Button className="button button-primary button-block detail-rate-submit" disabled={stars === 0 || busy || undefined} onClick={() => onRate(stars, tags, comment.trim())}>
        {busy ? '正在提交…' : stars === 0 ? '请先点选星级' : submitText}
      </Button>
      {children}
    </View>
  );
}

function ReasonForm({ action, busy, onSubmit, onCancel }: { action: ReasonAction; busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { title, placeholder } = REASON_FORMS[action];
  return (
    <View className="card detail-reason">
      <View className="card-title">{title}</View>
      <TextBox className="detail-reason-input" value={reason} max={REASON_MAX} placeholder={placeholder} onChange={setReason} />
      <View className="button-row">
        <Button className="button button-primary detail-reason-submit" disabled={!reason.trim() || busy || undefined} onClick={() => onSubmit(reason.trim())}>
          {busy ? '正在提交…' : '提交'}
        </Button>
        <Button className="button detail-reason-cancel" disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** 报事详情: what was reported, the deadlines, the timeline, and what the viewer may do now (as the API says). */
export default function TicketDetail() {
  const router = useRouter();
  const id = Number(router.params.id);
  const gate = useSession({ returnTo: Number.isInteger(id) && id > 0 ? ticketDetailPage(id) : undefined });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');
  const [reasonFor, setReasonFor] = useState<ReasonAction | null>(null);
  const known = Number.isInteger(id) && id > 0;
  const remote = useRemote(useCallback(() => getTicket(id), [id]), { enabled: gate.phase === 'signed-in' && known });

  usePullDownRefresh(() => {
    void remote.reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  const card = useShareCard('ticket', id, Boolean(remote.data && !remote.data.isReporter && remote.data.visibility === 'public'));

  /** Runs one action; the answer is the ticket as it is now. A refusal shows the API's message and reloads. */
  const act = async (run: () => Promise<TicketView>, done?: string) => {
    if (busy) return;
    setBusy(true);
    setActionError('');
    try {
      remote.show(await run());
      setReasonFor(null);
      if (done) void Taro.showToast({ title: done, icon: 'none', duration: 2500 });
    } catch (error) {
      setActionError(errorText(error));
      // Someone else may have moved the ticket meanwhile (409 STALE_VERSION): show it as it is now.
      if (isConcurrentChange(error)) void remote.reload(true);
    } finally {
      setBusy(false);
    }
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page detail">
        <SessionNotice gate={gate} purpose="登录后才能查看报事详情。" />
      </View>
    );
  }
  if (!known || remote.phase === 'error') {
    return (
      <View className="page detail">
        <ShareCardNotice kind="ticket" id={id} otherwise={<StatusNotice
          className="detail-error-notice"
          title="没能打开这条报事"
          text={known ? remote.errorMessage : '没有找到这条报事'}
          actionText={known ? '重试' : undefined}
          onAction={known ? () => void remote.reload() : undefined}
        />} />
      </View>
    );
  }
  if (remote.phase === 'loading' || !remote.data) {
    return (
      <View className="page detail">
        <StatusNotice className="detail-loading" title="正在加载…" />
      </View>
    );
  }

  const t = remote.data;
  const transition = (action: 'close' | 'cancel' | ReasonAction, extra: { reason?: string } = {}, done?: string) =>
    act(() => transitionTicket(t.id, { action, version: t.version, ...extra }), done);

  const confirmThen = async (title: string, content: string, run: () => void) => {
    const answer = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' });
    if (answer.confirm) run();
  };

  const canFollow = !t.isReporter && t.visibility === 'public';
  // Why a step open to the reporter is refused now (the API's sentences), said before anything is pressed.
  const blockedReasons = [...new Set(Object.values(t.blocked ?? {}).filter((why): why is string => Boolean(why)))];
  const resolvedEvent = [...t.timeline].reverse().find((e) => e.action === 'resolve');
  // The reporter's answers to the result, as the API allows them: under the rating when there is one to give.
  const answers = [
    t.actions.includes('close') ? (
      <Button key="close" className={`button detail-close${t.canRate ? ' button-small' : ' button-primary'}`} disabled={busy || undefined} onClick={() => void confirmThen('确认办结', '问题已经解决了吗？确认后工单办结。', () => void transition('close', {}, '已办结'))}>
        {t.canRate ? '不评价，只确认办结' : '确认办结'}
      </Button>
    ) : null,
    // Refused now (past the reopen cap): still shown, disabled, under the reason the card above gives.
    (t.actions.includes('reopen') || t.blocked?.reopen) && !reasonFor ? (
      <Button
        key="reopen"
        className={`button detail-reopen${t.canRate ? ' button-small' : ''}`}
        disabled={busy || !t.actions.includes('reopen') || undefined}
        onClick={() => setReasonFor('reopen')}
      >
        不满意，重新办理
      </Button>
    ) : null,
  ].filter(Boolean);

  return (
    <View className="page detail">
      <View className="card detail-head">
        <View className="ticket-card-head">
          <Text className="ticket-category detail-category">
            {t.categoryName} · {TICKET_KIND_LABELS[t.kind]}
          </Text>
        </View>
        <TicketBadges ticket={t} audience="resident" />
        <View className="detail-description wrap-text">{t.description}</View>
        <PhotoGrid photos={t.photos} className="detail-report-photos" />
        <View className="detail-facts">
          <View className="muted wrap-text">编号 #{t.id} · {t.communityName}</View>
          {t.house ? <View className="muted wrap-text">房屋：{t.house}</View> : null}
          {t.place ? <View className="muted wrap-text detail-place">位置：{t.place}</View> : null}
          <View className="muted wrap-text">报事人：{t.reporter}</View>
          <View className="muted">提交时间：{shanghaiDateTime(t.createdAt)}</View>
          <View className="muted detail-response-due">受理时限：{shanghaiDateTime(t.responseDueAt)}</View>
          <View className="muted detail-resolution-due">办结时限：{shanghaiDateTime(t.resolutionDueAt)}</View>
          {t.assignee ? <View className="muted wrap-text">办理人：{t.assignee}</View> : null}
          {t.followerCount > 0 ? <View className="muted">{t.followerCount} 位邻居也遇到了这个问题</View> : null}
          <View className="muted">{t.visibility === 'public' ? '公开在小区公告板（报事人姓名已隐去）' : '仅报事人和物业可见'}</View>
        </View>
        {card ? <ShareButton card={card} /> : null}
      </View>

      {resolvedEvent && (t.state === 'resolved' || t.state === 'closed') ? (
        <View className="card detail-feedback">
          <View className="card-title">物业的处理结果</View>
          <View className="wrap-text detail-feedback-text">{resolvedEvent.note}</View>
          <PhotoGrid photos={resolvedEvent.photos} className="detail-feedback-photos" />
          {t.state === 'resolved' && t.isReporter ? <View className="muted">请确认结果并评价；7 天后未评价将自动办结。</View> : null}
        </View>
      ) : null}

      {t.rating ? (
        <View className="card detail-rating">
          <View className="card-title">评价</View>
          <View className="detail-rating-stars">
            {t.rating.stars} 星 · {STAR_WORDS[t.rating.stars]}
          </View>
          {t.rating.tags.length > 0 ? <View className="muted wrap-text">{t.rating.tags.join('、')}</View> : null}
          {t.rating.comment ? <View className="wrap-text">{t.rating.comment}</View> : null}
        </View>
      ) : null}

      {actionError ? <View className="form-error detail-error">{actionError}</View> : null}

      {blockedReasons.length > 0 ? (
        <View className="card muted detail-blocked">
          {blockedReasons.map((why) => (
            <View key={why} className="detail-blocked-reason wrap-text">
              {why}
            </View>
          ))}
        </View>
      ) : null}

      {t.canRate ? (
        <RatingForm busy={busy} closes={t.state === 'resolved'} onRate={(stars, tags, comment) => void act(() => rateTicket(t.id, { stars, tags, ...(comment ? { comment } : {}) }), '感谢您的评价')}>
          {answers.length > 0 && !reasonFor ? <View className="detail-rate-else">{answers}</View> : null}
        </RatingForm>
      ) : null}

      {reasonFor ? (
        <ReasonForm action={reasonFor} busy={busy} onSubmit={(reason) => void transition(reasonFor, { reason }, '已提交')} onCancel={() => setReasonFor(null)} />
      ) : null}

      <View className="button-row detail-actions">
        {t.canRate ? null : answers}
        {t.actions.includes('appeal') && !reasonFor ? (
          <Button className="button detail-appeal" disabled={busy || undefined} onClick={() => setReasonFor('appeal')}>
            申诉
          </Button>
        ) : null}
        {t.actions.includes('complain') && !reasonFor ? (
          <Button className="button detail-complain" disabled={busy || undefined} onClick={() => setReasonFor('complain')}>
            向社区申诉
          </Button>
        ) : null}
        {t.canUrge ? (
          <Button className="button detail-urge" disabled={busy || undefined} onClick={() => void act(() => urgeTicket(t.id), '已催办，物业会尽快处理')}>
            催办
          </Button>
        ) : null}
        {canFollow ? (
          t.following ? (
            <Button className="button detail-unfollow" disabled={busy || undefined} onClick={() => void act(() => unfollowTicket(t.id), '已取消关注')}>
              取消关注
            </Button>
          ) : (
            <Button className="button detail-follow" disabled={busy || undefined} onClick={() => void act(() => followTicket(t.id), '已关注，进度会通知您')}>
              我也遇到
            </Button>
          )
        ) : null}
        {t.actions.includes('cancel') ? (
          <Button
            className="button button-danger detail-cancel"
            disabled={busy || undefined}
            onClick={() => void confirmThen('撤销报事', '撤销后物业不再处理这条报事。', () => void transition('cancel', {}, '已撤销'))}
          >
            撤销报事
          </Button>
        ) : null}
      </View>

      <View className="section-title">处理进度</View>
      <TicketTimeline events={t.timeline} className="detail-timeline" />
    </View>
  );
}
