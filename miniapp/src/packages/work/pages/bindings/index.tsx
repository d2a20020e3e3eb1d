import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { BINDING_RELATION_LABELS, shanghaiDateTime, type BindingView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { BINDINGS_REVIEW_PAGE } from '../../../../routes';
import { approveBinding, listPendingBindings, rejectBinding } from '../../../../services/bindings';
import { showError } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import { listScopedCommunities } from '../../../../services/roles';
import { ARBITER_ROLES, REVIEWER_ROLES, getActiveRole, reviewCommunities } from '../../../../services/workspace';
import TextBox from '../../../../components/TextBox';
import './index.scss';

const REASON_MAX = 200;

/** Someone else decided first (409), or the request is gone (404): the shown list is stale. */
const isStale = (error: unknown) => error instanceof ApiError && (error.statusCode === 409 || error.statusCode === 404);

function ReviewItem({
  binding,
  busy,
  onApprove,
  onReject,
}: {
  binding: BindingView;
  busy: boolean;
  onApprove: () => void;
  onReject: (reason: string) => Promise<void>;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  // What the API lets this reviewer decide, and why not (their own request; one for the community office).
  const mayApprove = binding.can?.approve ?? false;
  const mayReject = binding.can?.reject ?? false;
  const blocked = binding.blocked?.approve ?? binding.blocked?.reject ?? null;

  const confirmReject = () => {
    if (reason.trim() === '') {
      setReasonError('请填写驳回原因，申请人会看到');
      return;
    }
    void onReject(reason.trim());
  };

  return (
    <View className="card review-item">
      <View className="review-house wrap-text">
        {binding.communityName} {binding.houseLabel}
      </View>
      <View className="review-line">
        <Text className="review-label">申请人</Text>
        <Text className="review-applicant wrap-text">{binding.applicant?.displayName ?? '—'}</Text>
      </View>
      <View className="review-line">
        <Text className="review-label">身份</Text>
        <Text className="review-relation">{BINDING_RELATION_LABELS[binding.relation]}</Text>
      </View>
      <View className="review-line">
        <Text className="review-label">申请时间</Text>
        <Text className="review-time">{shanghaiDateTime(binding.createdAt)}</Text>
      </View>
      {binding.applicantNote ? <View className="review-note wrap-text">备注：{binding.applicantNote}</View> : null}
      {binding.contested ? <View className="review-contested wrap-text">这套房屋已有业主：新的业主申请由社区（村）审核，现有业主已收到通知。</View> : null}
      {blocked ? <View className="form-error review-blocked wrap-text">{blocked}</View> : null}

      {rejecting ? (
        <View className="review-reject">
          <View className="field-label">驳回原因（申请人会看到）</View>
          <TextBox
            className="review-reason"
            value={reason}
            max={REASON_MAX}
            placeholder="例如：房屋信息与产权登记不符，请携带产权证到物业中心核实"
            onChange={(value) => {
              setReason(value);
              setReasonError('');
            }}
          />
          {reasonError ? <View className="form-error review-reason-error">{reasonError}</View> : null}
          <View className="button-row">
            <Button className="button button-primary button-danger review-confirm-reject" disabled={busy || undefined} onClick={confirmReject}>
              确认驳回
            </Button>
            <Button
              className="button review-cancel-reject"
              disabled={busy || undefined}
              onClick={() => {
                setRejecting(false);
                setReasonError('');
              }}
            >
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="button-row">
          <Button className="button button-primary review-approve" disabled={busy || !mayApprove || undefined} onClick={onApprove}>
            通过
          </Button>
          <Button className="button button-danger review-reject-open" disabled={busy || !mayReject || undefined} onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
    </View>
  );
}

/**
 * 绑定审核: the pending house-binding requests of an estate, for its manager and committee; for the community office,
 * the owner requests for houses that already have an owner (the API lists only those to it).
 */
export default function BindingReview() {
  const gate = useSession({ returnTo: BINDINGS_REVIEW_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const { params } = useRouter();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  // An office's estates are its area's: the API knows them, the roles do not.
  const arbiter = me?.roles.some((role) => ARBITER_ROLES.includes(role.role)) ?? false;
  const areaEstates = useRemote(useCallback(() => listScopedCommunities(), []), { enabled: gate.phase === 'signed-in' && arbiter });
  const estates = useMemo(() => {
    const own = me ? reviewCommunities(me) : [];
    const more = (areaEstates.data?.items ?? []).filter((estate) => !own.some((o) => o.id === estate.id)).map((estate) => ({ id: estate.id, name: estate.name }));
    return [...own, ...more];
  }, [me, areaEstates.data]);

  // The estate to show first: the one asked for, else the current role's, else the first.
  useEffect(() => {
    if (!me) return;
    const ids = estates.map((estate) => estate.id);
    setCommunityId((shown) => {
      if (shown !== null && ids.includes(shown)) return shown;
      const asked = Number(params.communityId);
      if (ids.includes(asked)) return asked;
      const active = getActiveRole(me);
      if (active && REVIEWER_ROLES.includes(active.role) && active.communityId && ids.includes(active.communityId)) return active.communityId;
      return ids[0] ?? null;
    });
  }, [me, estates, params.communityId]);

  const list = usePagedList(communityId === null ? null : (cursor?: string) => listPendingBindings(communityId, cursor), { reloadOn: communityId });
  const { phase, items, nextCursor, errorMessage } = list;

  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const decide = async (binding: BindingView, action: () => Promise<unknown>, doneText: string) => {
    setBusyId(binding.id);
    try {
      await action();
      list.update((shown) => shown.filter((item) => item.id !== binding.id));
      void Taro.showToast({ title: doneText, icon: 'success' });
    } catch (error) {
      showError(error);
      if (isStale(error)) await list.reload(true);
    } finally {
      setBusyId(null);
    }
  };

  const approve = async (binding: BindingView) => {
    const answer = await Taro.showModal({
      title: '通过申请',
      content: `确认 ${binding.applicant?.displayName ?? '申请人'} 是 ${binding.communityName} ${binding.houseLabel} 的${BINDING_RELATION_LABELS[binding.relation]}？通过后对方可以以这套房屋的身份报修、查看公示。`,
      confirmText: '通过',
      cancelText: '取消',
    });
    if (answer.confirm) await decide(binding, () => approveBinding(binding.id), '已通过');
  };

  const waiting = meNotice('review', gate, meState, '登录后才能审核绑定申请。');
  if (waiting || !me) return waiting;
  if (arbiter && areaEstates.phase !== 'ready' && estates.length === 0) {
    return (
      <View className="page review">
        {areaEstates.phase === 'error' ? (
          <StatusNotice className="review-error" title="小区列表没能加载" text={areaEstates.errorMessage} actionText="重试" onAction={() => void areaEstates.reload()} />
        ) : (
          <StatusNotice className="review-loading" title="正在加载…" />
        )}
      </View>
    );
  }
  if (estates.length === 0) {
    return (
      <View className="page review">
        <StatusNotice
          className="review-not-allowed"
          title="您没有审核绑定的权限"
          text="绑定申请由小区的项目经理或业委会审核；已有业主的房屋再申请业主身份的，由社区（村）审核。"
        />
      </View>
    );
  }

  return (
    <View className="page review">
      {estates.length > 1 ? (
        <ChoiceChips className="review-estates" itemClassName="review-estate" items={estates} chosen={communityId} onChoose={(estate) => setCommunityId(estate.id)} />
      ) : null}
      {phase === 'loading' ? <StatusNotice className="review-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice
          className="review-error"
          title="申请列表没能加载"
          text={errorMessage}
          actionText="重试"
          onAction={() => void list.reload()}
        />
      ) : null}
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice className="review-empty" title="没有待审核的申请" text="居民提交绑定申请后会显示在这里。" />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="review-list">
          <View className="muted review-count">
            {estates.find((estate) => estate.id === communityId)?.name} · {nextCursor ? `${items.length}+` : items.length} 条待审核
          </View>
          {items.map((binding) => (
            <ReviewItem
              key={binding.id}
              binding={binding}
              busy={busyId !== null}
              onApprove={() => void approve(binding)}
              onReject={(reason) => decide(binding, () => rejectBinding(binding.id, reason), '已驳回')}
            />
          ))}
          {nextCursor ? (
            <Button className="button button-block review-more" disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
              加载更多
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
