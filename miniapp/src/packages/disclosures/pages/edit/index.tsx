import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  DISCLOSURE_TYPE_LABELS,
  DRAFTABLE_DISCLOSURE_TYPES,
  periodFromWords,
  periodLabel,
  type DisclosureContent,
  type DisclosureType,
  type DisclosureView,
  type MeView,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import AllocationCard from '../../components/AllocationCard';
import AllocationEditor from '../../components/AllocationEditor';
import StatusNotice from '../../../../components/StatusNotice';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { DISCLOSURE_DETAIL_PAGE, DISCLOSURE_EDIT_PAGE } from '../../../../routes';
import { answerReview, createDisclosure, getDisclosure, submitDisclosure, updateDisclosure, withdrawDisclosure } from '../../../../services/disclosures';
import DisclosureHeader from '../../components/DisclosureHeader';
import LineCard from '../../components/LineCard';
import LineEditor from '../../components/LineEditor';
import MeFrame from '../../components/MeFrame';
import ReviewEntry from '../../components/ReviewEntry';
import TextForm from '../../components/TextForm';
import TotalsCard from '../../components/TotalsCard';
import { allocationContent, allocationDraftOf, type AllocationDraft } from '../../lib/allocation';
import { DISCLOSURE_EXAMPLES } from '../../lib/examples';
import { MANAGER_ROLES, estatesOf, pickEstate } from '../../lib/estates';
import { errorText } from '../../../../services/errors';
import { listVotes } from '../../../../services/votes';
import { useRemote } from '../../../../hooks/useRemote';
import { draftTotals, draftsToInput, emptyLine, lineToDraft, recentPeriods, type DraftProblem, type LineDraft } from '../../lib/lines';
import { fenToYuanInput, parseYuanInput } from '../../lib/money';
import TextBox from '../../../../components/TextBox';

interface DraftForm {
  type: DisclosureType;
  /** The period's code ('' while what was typed is not a period), and the words shown in the field. */
  period: string;
  periodText: string;
  title: string;
  openingYuan: string;
  /** shared_cost: method, buildings, agreed shares. */
  allocation: AllocationDraft;
  note: string;
  /** fee_standard: 服务等级, 定价依据, 生效日期; service_list: 服务等级 and the contract it follows. */
  serviceGrade: string;
  basis: string;
  effectiveDate: string;
  lines: LineDraft[];
}

const PERIOD_HINT = '期间请写成“2026年第3季度”“2026年10月”或“2026年”';

const suggestedTitle = (form: Pick<DraftForm, 'type' | 'period'>) => `${form.period ? periodLabel(form.period) : ''}${DISCLOSURE_TYPE_LABELS[form.type]}公示`;

function formOf(view: DisclosureView): DraftForm {
  return {
    type: view.type,
    period: view.period,
    periodText: periodLabel(view.period),
    title: view.title,
    openingYuan: typeof view.content.openingBalanceFen === 'number' ? fenToYuanInput(view.content.openingBalanceFen) : '',
    allocation: allocationDraftOf(view.content),
    note: view.content.note ?? '',
    serviceGrade: view.content.serviceGrade ?? '',
    basis: view.content.basis ?? '',
    effectiveDate: view.content.effectiveDate ?? '',
    lines: view.lines.map(lineToDraft),
  };
}

function newForm(type: DisclosureType = 'public_income'): DraftForm {
  const period = recentPeriods(type, new Date())[0] ?? '';
  return { type, period, periodText: period && periodLabel(period), title: '', openingYuan: '', allocation: allocationDraftOf({}), note: '', serviceGrade: '', basis: '', effectiveDate: '', lines: [emptyLine(type)] };
}

/** The committee's decisions, newest round first, with the line each is about and the manager's answers. */
function CommitteeOpinions({ view, onAnswered }: { view: DisclosureView; onAnswered: (next: DisclosureView) => void }) {
  if (view.reviews.length === 0) return null;
  const reviews = [...view.reviews].sort((a, b) => b.round - a.round || a.id - b.id);
  const lineName = (lineId: number | null) => {
    if (lineId === null) return '整份公示';
    const line = view.lines.find((l) => l.id === lineId);
    return line ? `第 ${line.seq} 项：${line.item}` : '已删除的一项';
  };
  const answerable = view.can.answerReview;
  return (
    <View className="card committee-opinions">
      <View className="card-title">业委会审核意见</View>
      {reviews.map((review) => (
        <View key={review.id} className="opinion">
          <View className="muted opinion-line wrap-text">{lineName(review.lineId)}</View>
          <ReviewEntry review={review}>
            {answerable && review.decision === 'query' && !review.answer ? (
              <TextForm
                className="opinion-answer"
                label="回复业委会"
                placeholder="说明核对结果；如需修改，先回复再撤回修改"
                submitText="回复"
                max={2000}
                onSubmit={async (text) => {
                  try {
                    onAnswered(await answerReview(review.id, text));
                    return null;
                  } catch (error) {
                    return errorText(error);
                  }
                }}
              />
            ) : null}
          </ReviewEntry>
        </View>
      ))}
    </View>
  );
}

function Editor({ me }: { me: MeView }) {
  const { params } = useRouter();
  const askedId = Number(params.id);
  const estates = estatesOf(me, MANAGER_ROLES);
  const [communityId] = useState(() => pickEstate(estates, params.communityId, null));
  const [form, setForm] = useState<DraftForm>(() => newForm((params.type as DisclosureType) || undefined));
  const [busy, setBusy] = useState<'save' | 'submit' | 'withdraw' | null>(null);
  const [error, setError] = useState('');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  /** Rooms seen in the agreed-shares editor, to name one in a message. */
  const houseLabels = useRef(new Map<number, string>());

  // The disclosure asked for (none for a new draft until it is first saved); every answer of a save shows here.
  const remote = useRemote(useCallback(() => getDisclosure(askedId), [askedId]), { enabled: askedId > 0 });
  const { data: view, show } = remote;
  // A withdrawal from the maintenance fund cites the owners' vote that decided it (民法典 278): the estate's closed ones.
  const fundCommunity = view?.communityId ?? communityId;
  const fundVotes = useRemote(
    useCallback(async () => (await listVotes({ communityId: fundCommunity ?? undefined, state: 'closed' })).items.filter((v) => v.matter === 'fund_use'), [fundCommunity]),
    { enabled: form.type === 'maintenance_fund' && fundCommunity !== null },
  );

  // The form follows what the API holds after each load and save.
  useEffect(() => {
    if (!view) return;
    // Agreed shares typed this session stay at hand after saving under another method, in case it is switched back.
    setForm((previous) => {
      const fresh = formOf(view);
      return view.content.fixedShares ? fresh : { ...fresh, allocation: { ...fresh.allocation, weights: previous.allocation.weights } };
    });
    setProblems([]);
  }, [view]);

  if (askedId > 0 && remote.phase === 'loading') return <StatusNotice className="edit-loading" title="正在加载…" />;
  if (askedId > 0 && remote.phase === 'error') {
    return <StatusNotice className="edit-error" title="公示没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />;
  }
  if (!view && communityId === null) return <StatusNotice className="edit-not-allowed" title="您不能起草公示" text="公示由小区的项目经理起草，业委会审核后发布。" />;

  if (view && !view.can.edit) {
    // In review (read only until withdrawn) or already published.
    const withdraw = async () => {
      const answer = await Taro.showModal({ title: '撤回修改', content: '撤回后公示回到草稿，修改后需重新提交业委会审核（新一轮审核）。', confirmText: '撤回', cancelText: '取消' });
      if (!answer.confirm) return;
      setBusy('withdraw');
      setError('');
      try {
        show(await withdrawDisclosure(view.id));
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(null);
      }
    };
    return (
      <View>
        <DisclosureHeader view={view} />
        {view.state === 'in_review' ? <View className="card muted edit-in-review">业委会审核中（第 {view.reviewRound} 轮）。如需修改，请先回复质疑再撤回修改。</View> : null}
        <TotalsCard type={view.type} totals={view.totals} className="edit-totals" />
        {view.allocation ? <AllocationCard allocation={view.allocation} totalFen={view.totals.totalFen} className="edit-allocation" forManager /> : null}
        <CommitteeOpinions view={view} onAnswered={show} />
        <View className="section-title">明细（{view.lines.length} 项）</View>
        {view.lines.map((line) => (
          <LineCard key={line.id} line={line}>
            {view.reviews
              .filter((r) => r.lineId === line.id && r.round === view.reviewRound)
              .map((r) => (
                <ReviewEntry key={r.id} review={r} />
              ))}
          </LineCard>
        ))}
        {error ? <View className="form-error edit-action-error">{error}</View> : null}
        {view.can.withdraw ? (
          <Button className="button button-block edit-withdraw" disabled={busy !== null || undefined} onClick={() => void withdraw()}>
            {busy === 'withdraw' ? '正在撤回…' : '撤回修改'}
          </Button>
        ) : null}
        {view.state === 'published' || view.state === 'superseded' ? (
          <Button className="button button-block edit-open-published" onClick={() => void Taro.redirectTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${view.id}` })}>
            查看已公示的内容
          </Button>
        ) : null}
      </View>
    );
  }

  const type = form.type;
  const communityOf = view?.communityId ?? communityId;
  const opening = parseYuanInput(form.openingYuan || '0', { allowNegative: true });
  const totals = draftTotals(type, form.lines, opening.fen ?? 0);
  const periodProblem = form.periodText && !form.period ? PERIOD_HINT : '';
  const updateLine = (key: string) => (update: (line: LineDraft) => LineDraft) => setForm((f) => ({ ...f, lines: f.lines.map((l) => (l.key === key ? update(l) : l)) }));
  const problemOf = (index: number) => problems.filter((p) => p.line === index + 1).map((p) => p.problem).join('；');

  /** Saves the draft (new: creates it); answers the saved disclosure or null when something must be fixed. */
  const save = async (): Promise<DisclosureView | null> => {
    const { lines, problems: found } = draftsToInput(form.lines);
    if (!form.period) found.unshift({ line: 0, field: 'period', problem: periodProblem || '请选择或填写期间' });
    if (opening.error !== null && type === 'public_income') found.unshift({ line: 0, field: 'openingBalanceFen', problem: `期初余额：${opening.error}` });
    setProblems(found);
    if (found.length) {
      const first = found[0];
      setError(`${first.line ? `第 ${first.line} 项：` : ''}${first.problem}`);
      return null;
    }
    const content: DisclosureContent = { ...(view?.content ?? {}), note: form.note.trim() || undefined };
    if (type === 'public_income') content.openingBalanceFen = opening.fen ?? 0;
    if (type === 'shared_cost') {
      const allocation = allocationContent(form.allocation, (id) => houseLabels.current.get(id) ?? `房屋 ${id}`);
      if (allocation.problem !== null) {
        setError(allocation.problem);
        return null;
      }
      Object.assign(content, allocation.content);
    }
    if (type === 'fee_standard') {
      if (form.effectiveDate.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveDate.trim())) {
        setError('生效日期应写成 2026-01-01 这样');
        return null;
      }
      content.effectiveDate = form.effectiveDate.trim() || undefined;
    }
    if (type === 'fee_standard' || type === 'service_list') {
      content.serviceGrade = form.serviceGrade.trim() || undefined;
      content.basis = form.basis.trim() || undefined;
    }
    const title = form.title.trim() || suggestedTitle(form);
    try {
      const saved = view
        ? await updateDisclosure(view.id, { title, period: form.period, content, lines, rowVersion: view.rowVersion })
        : await createDisclosure({ communityId: communityId as number, type, period: form.period, title, content, lines });
      show(saved);
      return saved;
    } catch (e) {
      setError(errorText(e));
      return null;
    }
  };

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    setError('');
    try {
      const saved = await save();
      if (!saved) return;
      if (what === 'save') {
        void Taro.showToast({ title: '草稿已保存', icon: 'success' });
        return;
      }
      try {
        show(await submitDisclosure(saved.id));
        void Taro.showToast({ title: '已提交业委会审核', icon: 'success' });
      } catch (e) {
        setError(errorText(e));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="edit-form">
      {view ? (
        <View className="card muted edit-draft-note">草稿 · 第 {view.version} 版{view.correctionReason ? ` · 更正原因：${view.correctionReason}` : ''}</View>
      ) : (
        <View className="field">
          <View className="field-label">公示类别</View>
          <ChoiceChips
            className="edit-types"
            itemClassName="edit-type"
            items={DRAFTABLE_DISCLOSURE_TYPES}
            labels={DISCLOSURE_TYPE_LABELS}
            chosen={type}
            onChoose={(t) => setForm(newForm(t))}
          />
        </View>
      )}
      <View className="field">
        <View className="field-label">期间</View>
        <ChoiceChips
          className="edit-periods"
          itemClassName="edit-period"
          items={recentPeriods(type, new Date())}
          labelOf={periodLabel}
          chosen={form.period}
          onChoose={(p) => setForm((f) => ({ ...f, period: p, periodText: periodLabel(p) }))}
        />
        <Input
          className="input edit-period-input"
          value={form.periodText}
          maxlength={12}
          placeholder="或填写，如 2026年第3季度、2026年10月"
          onInput={(e) => setForm((f) => ({ ...f, periodText: e.detail.value, period: periodFromWords(e.detail.value) ?? '' }))}
        />
        {periodProblem ? <View className="form-error">{periodProblem}</View> : null}
      </View>
      <View className="field">
        <View className="field-label">标题</View>
        <Input className="input edit-title-input" value={form.title} maxlength={100} placeholder={suggestedTitle(form)} onInput={(e) => setForm((f) => ({ ...f, title: e.detail.value }))} />
        <View className="field-hint">不填则用“{suggestedTitle(form)}”。</View>
      </View>
      {type === 'public_income' ? (
        <View className="field">
          <View className="field-label">期初余额（元）</View>
          <Input className="input edit-opening-input" type="digit" value={form.openingYuan} placeholder="0.00" onInput={(e) => setForm((f) => ({ ...f, openingYuan: e.detail.value }))} />
        </View>
      ) : null}
      {type === 'shared_cost' && communityOf !== null ? (
        <AllocationEditor
          communityId={communityOf}
          draft={form.allocation}
          totalFen={totals.totalFen}
          agreed={view?.allocation?.agreed}
          onChange={(update) => setForm((f) => ({ ...f, allocation: update(f.allocation) }))}
          onHouses={(houses) => houses.forEach((h) => houseLabels.current.set(h.id, h.label))}
        />
      ) : null}
      {type === 'shared_cost' && view?.allocation ? (
        <AllocationCard allocation={view.allocation} totalFen={view.totals.totalFen} className="edit-saved-allocation" title="分摊（按已保存的草稿）" forManager />
      ) : null}
      {type === 'fee_standard' || type === 'service_list' ? (
        <View>
          <View className="field">
            <View className="field-label">服务等级（选填）</View>
            <Input className="input edit-grade-input" value={form.serviceGrade} maxlength={500} placeholder="例如：二级" onInput={(e) => setForm((f) => ({ ...f, serviceGrade: e.detail.value }))} />
          </View>
          <View className="field">
            <View className="field-label">{type === 'service_list' ? '依据的服务合同（选填）' : '定价依据（选填）'}</View>
            <TextBox className="edit-basis-input" value={form.basis} max={500} placeholder="例如：物业服务合同及县住宅物业服务收费指导价" onChange={(value) => setForm((f) => ({ ...f, basis: value }))} />
          </View>
          {type === 'fee_standard' ? (
            <View className="field">
              <View className="field-label">生效日期（选填）</View>
              <Input className="input edit-effective-input" value={form.effectiveDate} maxlength={10} placeholder="2026-01-01" onInput={(e) => setForm((f) => ({ ...f, effectiveDate: e.detail.value }))} />
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="field">
        <View className="field-label">说明（选填）</View>
        <TextBox className="edit-note-input" value={form.note} max={2000} placeholder={DISCLOSURE_EXAMPLES[type].note} onChange={(value) => setForm((f) => ({ ...f, note: value }))} />
      </View>

      {view ? <CommitteeOpinions view={view} onAnswered={show} /> : null}

      <View className="section-title">明细（{form.lines.length} 项）</View>
      {form.lines.map((line, index) => (
        <LineEditor
          key={line.key}
          type={type}
          index={index}
          line={line}
          problem={problemOf(index)}
          votes={fundVotes.data ?? []}
          onChange={updateLine(line.key)}
          onRemove={() => setForm((f) => ({ ...f, lines: f.lines.filter((l) => l.key !== line.key) }))}
        />
      ))}
      {form.lines.length === 0 ? <View className="card muted edit-no-lines">还没有明细，请添加。</View> : null}
      <Button className="button button-block edit-add-line" onClick={() => setForm((f) => ({ ...f, lines: [...f.lines, emptyLine(f.type)] }))}>
        ＋ 添加一项
      </Button>

      <TotalsCard type={type} totals={totals} title="合计（随填写自动计算）" className="edit-totals" />

      {error ? <View className="form-error edit-error-message">{error}</View> : null}
      <View className="button-row">
        <Button className="button edit-save" disabled={busy !== null || undefined} onClick={() => void run('save')}>
          {busy === 'save' ? '正在保存…' : '保存草稿'}
        </Button>
        <Button className="button button-primary edit-submit" disabled={busy !== null || undefined} onClick={() => void run('submit')}>
          {busy === 'submit' ? '正在提交…' : '提交业委会审核'}
        </Button>
      </View>
      <View className="muted">
        <Text>提交后由业委会逐项审核，主任签发后才对业主公示；已公示的内容不能修改，只能发起更正。</Text>
      </View>
      <PrivacyDialog />
    </View>
  );
}

export default function DisclosureEdit() {
  const { params } = useRouter();
  const gate = useSession({ returnTo: params.id ? `${DISCLOSURE_EDIT_PAGE}?id=${params.id}` : DISCLOSURE_EDIT_PAGE });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="edit" gate={gate} meState={meState} purpose="登录后才能编辑公示。">
      {(me) => <Editor me={me} />}
    </MeFrame>
  );
}
