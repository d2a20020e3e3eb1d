import { Button, View } from '@tarojs/components';
import type { DisclosureSummary } from '@wuye/contracts';
import StatusNotice from '../../../components/StatusNotice';
import type { PagedList } from '../../../hooks/usePagedList';
import SummaryCard from './SummaryCard';

/**
 * A paged list of disclosures with its loading, failure (重试), empty and 加载更多 states. `prefix` names the hooks
 * for tests, e.g. "board" → .board-loading, .board-error, .board-empty, .board-list, .board-more.
 */
export default function SummaryList({
  list,
  prefix,
  emptyTitle,
  emptyText,
  onOpen,
}: {
  list: PagedList<DisclosureSummary>;
  prefix: string;
  emptyTitle: string;
  emptyText: string;
  onOpen: (item: DisclosureSummary) => void;
}) {
  if (list.phase === 'loading') return <StatusNotice className={`${prefix}-loading`} title="正在加载…" />;
  if (list.phase === 'error') return <StatusNotice className={`${prefix}-error`} title="公示没能加载" text={list.errorMessage} actionText="重试" onAction={() => void list.reload()} />;
  if (list.phase !== 'ready') return null;
  if (list.items.length === 0) return <StatusNotice className={`${prefix}-empty`} title={emptyTitle} text={emptyText} />;
  return (
    <View className={`card ${prefix}-list`}>
      {list.items.map((item) => (
        <SummaryCard key={item.id} item={item} onOpen={() => onOpen(item)} />
      ))}
      {list.nextCursor ? (
        <Button className={`button button-block ${prefix}-more`} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
