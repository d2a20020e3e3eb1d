import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { CREDIT_EVENT_LABELS, creditDeduction, isCalendarDate, shanghaiDate, type CommunityView, type CreditEventKind, type CreditEventView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { CREDIT_PAGE } from '../../../../routes';
import { getCompanyCredit, listCommunityManagers, listCreditEvents, recordCreditEvent } from '../../../../services/oversight';
import { listScopedCommunities } from '../../../../services/roles';
import CreditStandingCard from '../../components/CreditStandingCard';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { creditProblem, type CreditDraft } from '../../lib/credit';
import { canRate } from '../../lib/format';
import { useRemote } from '../../../../hooks/useRemote';
import { errorText } from '../../../../services/errors';
import { usePagedList } from '../../../../hooks/usePagedList';
import TextBox from '../../../../components/TextBox';
import '../../oversight.scss';

const KINDS = Object.keys(CREDIT_EVENT_LABELS) as CreditEventKind[];
/** The API's order: the day it happened, newest first, then the later record first. */
const byDay = (a: CreditEventView, b: CreditEventView) => b.occurredOn.localeCompare(a.occurredOn) || b.id - a.id;
const REASON_MAX = 500;


/** Companies serving the caller's estates today, from the estates the caller may see. */
function companiesOf(communities: CommunityView[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  communities.forEach((c) => c.company && seen.set(c.company.id, c.company.name));
  return [...seen].map(([id, name]) => ({ id, name }));
}

function CreditForm({ communities, initialCompanyId, onRecorded }: { communities: CommunityView[]; initialCompanyId: number | null; onRecorded: (event: CreditEventView) => void }) {
  const companies = companiesOf(communities);
  const [draft, setDraft] = useState<CreditDraft>({ companyId: initialCompanyId, kind: null, points: '', occurredOn: shanghaiDate(), reason: '' });
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [managerId, setManagerId] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<CreditDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError('');
  };

  // Only who managed the estate for that company on that day may be named (the API's rule): asked again per day.
  const day = isCalendarDate(draft.occurredOn) ? draft.occurredOn : null;
  const askManagers = communityId !== null && draft.companyId !== null && day !== null;
  const managersOf = useRemote(
    useCallback(() => listCommunityManagers(communityId as number, draft.companyId as number, day as string), [communityId, draft.companyId, day]),
    { enabled: askManagers },
  );
  const managers = askManagers && managersOf.phase === 'ready' ? (managersOf.data ?? []) : [];
  useEffect(() => setManagerId(null), [communityId, draft.companyId, day]);

  const estates = communities.filter((c) => c.company?.id === draft.companyId);

  const submit = async () => {
    const problem = creditProblem(draft, shanghaiDate());
    if (problem) {
      setError(problem);
      return;
    }
    // A record stays on the company's score for a year: say what it does before it is made.
    const company = companies.find((c) => c.id === draft.companyId)?.name ?? '该企业';
    const kind = draft.kind as CreditEventKind;
    const deducted = creditDeduction({ kind, points: Number(draft.points) || 0 });
    const answer = await Taro.showModal({
      title: `记录${CREDIT_EVENT_LABELS[kind]}`,
      content: `将对${company}记录${CREDIT_EVENT_LABELS[kind]}（${draft.occurredOn}），扣 ${deducted} 分，计入近12个月信用分。确认记录？`,
      confirmText: '记录',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const event = await recordCreditEvent({
        companyId: draft.companyId as number,
        kind: draft.kind as CreditEventKind,
        points: draft.kind === 'points' ? Number(draft.points) : undefined,
        occurredOn: draft.occurredOn,
        reason: draft.reason.trim(),
        communityId: communityId ?? undefined,
        managerUserId: managerId ?? undefined,
      });
      setDraft((d) => ({ ...d, kind: null, points: '', reason: '' }));
      setCommunityId(null);
      void Taro.showToast({ title: '已记录', icon: 'success' });
      onRecorded(event);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card ov-credit-form">
      <View className="card-title">记录信用事项</View>
      <View className="field">
        <View className="field-label">物业企业</View>
        <ChoiceChips
          className="ov-credit-companies"
          itemClassName="ov-credit-company"
          items={companies}
          chosen={draft.companyId}
          onChoose={(c) => {
            change({ companyId: c.id });
            setCommunityId(null);
          }}
        />
      </View>
      <View className="field">
        <View className="field-label">事项</View>
        <ChoiceChips
          className="ov-credit-kinds"
          itemClassName="ov-credit-kind"
          items={KINDS}
          labels={CREDIT_EVENT_LABELS}
          chosen={draft.kind}
          onChoose={(k) => change({ kind: k })}
        />
      </View>
      {draft.kind === 'points' ? (
        <View className="field">
          <View className="field-label">扣分分值</View>
          <Input className="input ov-credit-points" type="number" value={draft.points} maxlength={3} placeholder="1–100" onInput={(e) => change({ points: e.detail.value })} />
        </View>
      ) : null}
      <View className="field">
        <View className="field-label">发生日期</View>
        <Picker mode="date" value={draft.occurredOn} end={shanghaiDate()} onChange={(e) => change({ occurredOn: String(e.detail.value) })}>
          <View className="input ov-credit-date">{draft.occurredOn}</View>
        </Picker>
      </View>
      {estates.length > 0 ? (
        <View className="field">
          <View className="field-label">涉及小区（可选）</View>
          <ChoiceChips className="ov-credit-communities" itemClassName="ov-credit-community" items={estates} chosen={communityId} onChoose={(c) => setCommunityId(c.id === communityId ? null : c.id)} />
        </View>
      ) : null}
      {askManagers && managersOf.phase === 'error' ? (
        <View className="form-error ov-credit-managers-error">
          项目经理没能加载：{managersOf.errorMessage}
          <Button className="button button-small ov-credit-managers-retry" onClick={() => void managersOf.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {askManagers && managersOf.phase === 'ready' && managers.length === 0 ? (
        <View className="muted ov-credit-no-manager">{day}当天该企业在这个小区没有在任的项目经理，不能点名项目经理。</View>
      ) : null}
      {managers.length > 0 ? (
        <View className="field">
          <View className="field-label">涉及项目经理（可选，只列出当天在任的）</View>
          <ChoiceChips
            className="ov-credit-managers"
            itemClassName="ov-credit-manager"
            items={managers}
            labelOf={(m) => m.displayName}
            chosen={managerId}
            onChoose={(m) => setManagerId(m.id === managerId ? null : m.id)}
          />
        </View>
      ) : null}
      <View className="field">
        <View className="field-label">事由</View>
        <TextBox className="ov-credit-reason" value={draft.reason} max={REASON_MAX} placeholder="例如：公共收益连续两个季度未公示" onChange={(value) => change({ reason: value })} />
      </View>
      {error ? <View className="form-error ov-credit-error">{error}</View> : null}
      <Button className="button button-primary button-block ov-credit-submit" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '记录'}
      </Button>
    </View>
  );
}

/** 信用记录: events issued in the caller's areas, a company's 12-month standing; regulators record new events. */
export default function CreditRecords() {
  const { params } = useRouter();
  const askedCompany = Number(params.companyId ?? 0) || null;
  const gate = useSession({ returnTo: askedCompany ? `${CREDIT_PAGE}?companyId=${askedCompany}` : CREDIT_PAGE });
  const { me } = useMe(gate.phase);
  const [companyId, setCompanyId] = useState<number | null>(askedCompany);
  const signedIn = gate.phase === 'signed-in';
  const loadCommunities = useCallback(async () => {
    // The estates in scope say which companies serve the area (a county: two pages; capped for a province).
    const all: CommunityView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const answer = await listScopedCommunities(cursor);
      all.push(...answer.items);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    return all;
  }, []);
  const communities = useRemote(loadCommunities, { enabled: signedIn }).data ?? [];
  const loadStanding = useCallback(() => (companyId ? getCompanyCredit(companyId) : Promise.resolve(null)), [companyId]);
  const standing = useRemote(loadStanding, { enabled: signedIn });
  const fetchPage = useCallback(
    (cursor?: string) => listCreditEvents(cursor ? { companyId: companyId ?? undefined, cursor } : { companyId: companyId ?? undefined }),
    [companyId],
  );
  const list = usePagedList(signedIn ? fetchPage : null, { reloadOn: signedIn ? fetchPage : null });
  const { phase, items } = list;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看信用记录。" />;

  const companies = companiesOf(communities);
  const filters = [{ id: 0, name: '全部企业' }, ...companies];

  return (
    <View className="page ov-page ov-credit-page">
      <ChoiceChips
        className="ov-credit-filter"
        itemClassName="ov-credit-filter-item"
        items={filters}
        isSelected={(c) => (c.id || null) === companyId}
        onChoose={(c) => setCompanyId(c.id || null)}
      />
      <View className="ov-columns">
        <View className="ov-column">
          {standing.data ? <CreditStandingCard credit={standing.data} /> : null}
          {standing.phase === 'error' ? <View className="form-error ov-standing-error">信用状况没能加载：{standing.errorMessage}</View> : null}
          <RemoteStatus phase={phase} errorTitle="信用记录没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
          {phase === 'ready' && items.length === 0 ? <StatusNotice className="ov-credit-empty" title="没有信用记录" text="本辖区主管部门记录的约谈、通报批评、扣分等会显示在这里。" /> : null}
          {phase === 'ready' && items.length > 0 ? (
            <View className="card ov-credit-list">
              <View className="card-title">信用事项</View>
              {items.map((e) => (
                <View key={e.id} className="ov-row ov-credit-event">
                  <View className="ov-row-main">
                    <View className="ov-row-title wrap-text">
                      {e.companyName}
                      <Text className="badge badge-rejected ov-credit-event-kind">{CREDIT_EVENT_LABELS[e.kind]}</Text>
                      <Text className="ov-credit-event-points">扣 {e.deducted} 分</Text>
                    </View>
                    <View className="wrap-text">{e.reason}</View>
                    <View className="muted wrap-text">
                      {e.occurredOn} · {e.issuingArea}
                      {e.communityName ? ` · ${e.communityName}` : ''}
                      {e.managerName ? ` · 项目经理 ${e.managerName}` : ''}
                    </View>
                  </View>
                </View>
              ))}
            </View>
          ) : null}
          <LoadMore list={list} />
        </View>
        {me && canRate(me) ? (
          <View className="ov-column">
            <CreditForm
              communities={communities}
              initialCompanyId={companyId}
              onRecorded={(event) => {
                if (companyId === null || event.companyId === companyId) {
                  // In the list at once, at its date (the list runs newest day first); the reload confirms it.
                  list.update((shown) => [...shown.filter((e) => e.id !== event.id), event].sort(byDay));
                  void list.reload(true);
                  void standing.reload(true);
                }
              }}
            />
          </View>
        ) : null}
      </View>
    </View>
  );
}
