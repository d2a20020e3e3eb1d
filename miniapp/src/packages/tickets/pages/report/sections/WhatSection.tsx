import { useCallback } from 'react';
import { View } from '@tarojs/components';
import { TICKET_KINDS, TICKET_KIND_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../../components/ChoiceChips';
import StatusNotice from '../../../../../components/StatusNotice';
import { useRemote } from '../../../../../hooks/useRemote';
import { listTicketCategories } from '../../../../../services/tickets';
import type { DraftAction, ReportDraft } from '../draft';

/** 小区 (when the resident has several), then 反映什么: the kind and the estate's categories (emergencies marked). */
export default function WhatSection({
  communities,
  communityId,
  draft,
  dispatch,
}: {
  communities: { id: number; name: string }[];
  communityId: number;
  draft: ReportDraft;
  dispatch: (action: DraftAction) => void;
}) {
  const categories = useRemote(useCallback(async () => (await listTicketCategories(communityId)).filter((c) => c.active), [communityId]));
  return (
    <>
      <View className="card report-section">
        <View className="card-title">小区</View>
        {communities.length > 1 ? (
          <ChoiceChips className="report-communities" itemClassName="report-community" items={communities} chosen={communityId} onChoose={(c) => dispatch({ type: 'estate', communityId: c.id })} />
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
          labels={TICKET_KIND_LABELS}
          chosen={draft.kind}
          onChoose={(kind) => dispatch({ type: 'kind', kind })}
        />
        <View className="field-label">问题类别</View>
        {categories.phase === 'loading' ? <View className="muted">正在加载…</View> : null}
        {categories.phase === 'error' ? (
          <StatusNotice className="report-categories-error" title="类别没能加载" text={categories.errorMessage} actionText="重试" onAction={() => void categories.reload()} />
        ) : null}
        {categories.phase === 'ready' && categories.data ? (
          <ChoiceChips
            className="report-categories"
            itemClassName="report-category"
            items={categories.data}
            keyOf={(c) => c.code}
            labelOf={(c) => (c.emergency ? `${c.name}（紧急）` : c.name)}
            chosen={draft.category?.code}
            onChoose={(category) => dispatch({ type: 'category', category })}
          />
        ) : null}
      </View>
    </>
  );
}
