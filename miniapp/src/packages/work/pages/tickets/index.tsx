import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { TICKET_STATE_LABELS, type TicketState } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { HANDLING_LIST_PAGE, HANDLING_TICKET_PAGE } from '../../../../routes';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useRemote } from '../../../../hooks/useRemote';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { managedEstates, staffEstates } from '../../../../services/handling';
import { listTicketCategories, listTickets, type TicketListQuery } from '../../../../services/tickets';
import TicketCard from '../../../../components/TicketCard';
import './index.scss';

type HandlingView = Extract<TicketListQuery['view'], 'inbox' | 'assigned'>;
/** One state (or all), a category, 只看超时. */
type HandlingFilters = Pick<TicketListQuery, 'category' | 'overdue'> & { state?: TicketState };

/** The states worth filtering by in each list; 全部 first. */
const STATE_FILTERS: Record<HandlingView, (TicketState | 'all')[]> = {
  inbox: ['all', 'submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled'],
  assigned: ['all', 'assigned', 'in_progress', 'resolved', 'closed'],
};
const TITLES: Record<HandlingView, string> = { inbox: '工单收件箱', assigned: '我的派单' };
const EMPTY_TEXT: Record<HandlingView, string> = {
  inbox: '居民提交的报事报修会出现在这里，请及时受理。',
  assigned: '项目经理转办给您的工单会出现在这里。',
};

/** 工单收件箱 (项目经理: every ticket of the estate) and 我的派单 (员工: the tickets assigned to them). */
export default function HandlingList() {
  const gate = useSession({ returnTo: HANDLING_LIST_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const { params } = useRouter();
  const [filters, setFilters] = useState<HandlingFilters>({});
  const [categoriesOpen, setCategoriesOpen] = useState(false);

  const managed = me ? managedEstates(me) : [];
  const staffed = me ? staffEstates(me) : [];
  const allowed: HandlingView[] = [...(managed.length ? (['inbox'] as const) : []), ...(staffed.length || managed.length ? (['assigned'] as const) : [])];
  const asked = params.view === 'inbox' || params.view === 'assigned' ? params.view : null;
  const view: HandlingView | null = asked && allowed.includes(asked) ? asked : (allowed[0] ?? null);
  const estateId = (view === 'inbox' ? managed[0]?.id : (staffed[0] ?? managed[0])?.id) ?? null;

  useEffect(() => {
    if (view) void Taro.setNavigationBarTitle({ title: TITLES[view] });
  }, [view]);

  const list = usePagedList(view ? (cursor?: string) => listTickets({ view, ...filters, cursor }) : null, { reloadOn: `${view}|${JSON.stringify(filters)}` });
  const { phase, items, nextCursor, loadingMore, errorMessage } = list;

  // Back from a ticket that was just handled: its state (or its place in the list) has changed.
  useShownAgain(() => void list.reload(true));

  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  // The category filter is offered once the estate's categories are known; without them the list still works.
  const categoriesOf = useRemote(useCallback(() => listTicketCategories(estateId as number), [estateId]), { enabled: estateId !== null });
  const categories = (categoriesOf.data ?? []).filter((category) => category.active);

  const loadMore = list.loadMore;

  const waiting = meNotice('handling', gate, meState, '登录后才能处理工单。');
  if (waiting || !me) return waiting;
  if (!view) {
    return (
      <View className="page handling">
        <StatusNotice className="handling-not-allowed" title="您没有处理工单的身份" text="工单由小区的项目经理受理、转办，由物业员工办理。" />
      </View>
    );
  }

  const stateFilter = filters.state ?? 'all';
  const filtered = filters.state !== undefined || filters.category !== undefined || filters.overdue === true;
  return (
    <View className={`page handling handling-${view}`}>
      <View className="card handling-filters">
        <ChoiceChips
          className="handling-states"
          itemClassName="handling-state-filter"
          items={STATE_FILTERS[view]}
          labelOf={(state) => (state === 'all' ? '全部' : TICKET_STATE_LABELS[state])}
          chosen={stateFilter}
          onChoose={(state) => setFilters((shown) => ({ ...shown, state: state === 'all' ? undefined : state }))}
        />
        <View className="chips handling-more-filters">
          <View
            className={`chip handling-overdue-filter${filters.overdue ? ' chip-selected' : ''}`}
            onClick={() => setFilters((shown) => ({ ...shown, overdue: shown.overdue ? undefined : true }))}
          >
            {filters.overdue ? '✓ 只看超时' : '只看超时'}
          </View>
          {categories.length > 0 ? (
            <View className={`chip handling-category-toggle${filters.category ? ' chip-selected' : ''}`} onClick={() => setCategoriesOpen((shown) => !shown)}>
              类别：{categories.find((category) => category.code === filters.category)?.name ?? '全部'} {categoriesOpen ? '▴' : '▾'}
            </View>
          ) : null}
        </View>
        {categoriesOpen && categories.length > 0 ? (
          <ChoiceChips
            className="handling-categories"
            itemClassName="handling-category-filter"
            items={[{ code: '', name: '全部类别' }, ...categories]}
            keyOf={(category) => category.code || 'all'}
            isSelected={(category) => (category.code || undefined) === filters.category}
            onChoose={(category) => {
              setCategoriesOpen(false);
              setFilters((shown) => ({ ...shown, category: category.code || undefined }));
            }}
          />
        ) : null}
      </View>

      {phase === 'loading' ? <StatusNotice className="handling-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice className="handling-error" title="工单没能加载" text={errorMessage} actionText="重试" onAction={() => void list.reload()} />
      ) : null}
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice
          className="handling-empty"
          title={filtered ? '没有符合条件的工单' : '暂时没有工单'}
          text={filtered ? '换个筛选条件试试。' : EMPTY_TEXT[view]}
        />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="handling-list">
          <View className="muted handling-count">{nextCursor ? `已显示 ${items.length} 条，还有更多` : `共 ${items.length} 条`}</View>
          {items.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} audience="handling" className="handling-item" onOpen={() => void Taro.navigateTo({ url: `${HANDLING_TICKET_PAGE}?id=${ticket.id}` })} />
          ))}
          {nextCursor ? (
            <Button className="button button-block handling-more" disabled={loadingMore || undefined} onClick={() => void loadMore()}>
              {loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          ) : (
            <View className="muted handling-end">没有更多了</View>
          )}
        </View>
      ) : null}
    </View>
  );
}
