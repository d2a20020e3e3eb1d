import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { DISCLOSURE_TYPE_LABELS, periodLabel, shanghaiDate, type ChainEntry, type ChainVerification } from '@wuye/contracts';
import { useRemote } from '../../../hooks/useRemote';
import { getChain, verifyChain } from '../../../services/disclosures';

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : '（链首）');
const entryName = (e: ChainEntry) => `${DISCLOSURE_TYPE_LABELS[e.type]} ${periodLabel(e.period)} 第 ${e.version} 版`;

const REASONS: Record<NonNullable<ChainVerification['brokenAt']>['reason'], string> = {
  content_changed: '内容与签发时的哈希不一致，可能被改动过',
  chain_broken: '与上一份公示的哈希衔接断开',
};

/**
 * 防篡改校验: the server recomputes every published version's SHA-256 and the links between them. Valid: a small
 * badge "未被篡改"; the technical part (SHA-256, each version's hash and the previous one's, and `howShared`, how a
 * shared cost is rounded) waits behind "如何核验". Broken: a warning naming where, always in view.
 * `focusId` marks the disclosure being read.
 */
export default function ChainBadge({ communityId, focusId, howShared }: { communityId: number; focusId?: number; howShared?: string }) {
  const [open, setOpen] = useState(false);
  const remote = useRemote(useCallback(() => Promise.all([verifyChain(communityId), getChain(communityId)]), [communityId]));

  if (remote.phase === 'error') {
    return (
      <View className="card chain-badge chain-error">
        <View className="chain-title">没能完成防篡改校验</View>
        <View className="muted">{remote.errorMessage}</View>
        <Button className="button button-small chain-retry" onClick={() => void remote.reload()}>
          重新校验
        </Button>
      </View>
    );
  }
  if (remote.phase === 'loading' || !remote.data) return <View className="chain-badge chain-checking muted">正在校验公示是否被篡改…</View>;

  const [result, chain]: [ChainVerification, ChainEntry[]] = remote.data;
  const broken = result.brokenAt ? chain.find((e) => e.id === result.brokenAt?.id) : undefined;
  return (
    <View className={`chain-badge ${result.valid ? 'chain-valid' : 'card chain-broken'}`}>
      {result.valid ? (
        <View className="chain-title">
          <Text className="badge badge-valid chain-verdict">✓ 未被篡改</Text>
          <Text className="link-text chain-how" onClick={() => setOpen(!open)}>
            {open ? '收起' : '如何核验'}
          </Text>
        </View>
      ) : (
        <View>
          <View className="chain-title">
            <Text className="badge badge-broken chain-verdict">⚠ 校验未通过</Text>
          </View>
          <View className="chain-warning wrap-text">
            第 {result.brokenAt?.seq} 份公示{broken ? `（${entryName(broken)}）` : ''}
            {result.brokenAt ? REASONS[result.brokenAt.reason] : ''}。请联系业委会或社区核实。
          </View>
        </View>
      )}
      {!result.valid ? (
        <Button className="button button-small chain-toggle" onClick={() => setOpen(!open)}>
          {open ? '收起' : '如何核验'}
        </Button>
      ) : null}
      {open ? (
        <View className="card chain-list">
          <View className="muted chain-explain">
            每份公示签发时计算 SHA-256 哈希，并与上一份相连；任何改动都会被发现。本小区已校验 {result.checked} 份公示。
          </View>
          {howShared ? <View className="muted chain-shared">{howShared}</View> : null}
          {chain.map((entry) => (
            <View
              key={entry.id}
              className={`chain-entry${entry.id === focusId ? ' chain-entry-focus' : ''}${entry.id === result.brokenAt?.id ? ' chain-entry-broken' : ''}`}
            >
              <View className="chain-entry-name wrap-text">
                #{entry.seq} {entryName(entry)} · {shanghaiDate(entry.publishedAt)}
              </View>
              <View className="hash-text wrap-text chain-hash">哈希 {short(entry.hash)}</View>
              <View className="hash-text wrap-text chain-prev">上一份 {short(entry.prevHash)}</View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
