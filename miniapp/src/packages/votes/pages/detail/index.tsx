import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  PAPER_BALLOT_STATE_LABELS,
  PAPER_BALLOT_STEPS,
  PAPER_BALLOT_TRANSITIONS,
  VOTE_ACTIONS,
  VOTE_MATTER_LABELS,
  VOTE_STATE_LABELS,
  VOTE_TRANSITIONS,
  paperCountText,
  shanghaiDateTime,
  shareText,
  type BallotView,
  type DirectoryHouse,
  type PaperBallotStep,
  type VoteAction,
  type VoteView,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import HousePicker from '../../../../components/HousePicker';
import PhotoGrid from '../../../../components/PhotoGrid';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { useShareCard } from '../../../../hooks/useShareCard';
import { DISCLOSURE_DETAIL_PAGE, votePage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import { uploadFile } from '../../../../services/uploads';
import { castBallot, closeVote, getVote, listBallots, paperBallotStep, stepVote } from '../../../../services/votes';
import '../../votes.scss';

const m2 = (centi: number) => `${(centi / 100).toFixed(2)}㎡`;

/**
 * One vote: the matter and its documents; while open only the turnout; once closed the result as frozen and
 * published. Below, what the API says the caller may do: the chair submits or withdraws, the office approves or
 * sends back, an owner casts the ballot of each house (large options, confirmed), the committee enters a paper
 * ballot with its photo, the chair or the office ends it. Individual ballots only for the committee and the office.
 */
export default function VotePage() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: votePage(id) });
  const signedIn = gate.phase === 'signed-in';
  const remote = useRemote(useCallback(() => getVote(id), [id]), { enabled: signedIn && id > 0 });
  const vote = remote.data;
  const card = useShareCard('vote', id, vote?.state === 'closed');

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以参加本小区的业主表决。" />;
  if (remote.phase === 'error') {
    return <ShareCardNotice kind="vote" id={id} otherwise={<RemoteStatus phase="error" errorTitle="表决没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />} />;
  }
  return (
    <View className="page vote-page vote-detail-page">
      <RemoteStatus phase={remote.phase} errorTitle="表决没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && vote ? (
        <View>
          <View className="card vote-head">
            <View className="card-title">
              {vote.title}
              <Text className={`badge badge-${vote.state} vote-state`}>{VOTE_STATE_LABELS[vote.state]}</Text>
            </View>
            <View className="vote-facts">
              <Text>{VOTE_MATTER_LABELS[vote.matter]}</Text>
              <Text>{vote.state === 'closed' && vote.closedAt ? `${shanghaiDateTime(vote.closedAt)} 结束` : `截止 ${shanghaiDateTime(vote.endsAt)}`}</Text>
            </View>
            <View className="wrap-text vote-text">{vote.text}</View>
            <PhotoGrid photos={vote.documents} className="vote-documents" />
            {vote.note && vote.state === 'draft' ? <View className="form-error vote-returned">社区退回：{vote.note}</View> : null}
          </View>
          {card ? <ShareButton card={card} /> : null}
          {vote.result ? <ResultCard vote={vote} /> : vote.turnout ? <TurnoutCard vote={vote} /> : null}
          <Steps vote={vote} onDone={remote.show} onStale={() => void remote.reload(true)} />
          {vote.myHouses.length > 0 ? <MyBallots vote={vote} onCast={() => void remote.reload(true)} /> : null}
          {vote.can.enterPaper ? <PaperBallot vote={vote} onEntered={() => void remote.reload(true)} /> : null}
          {vote.can.readBallots && vote.state !== 'draft' ? <Ballots vote={vote} onChanged={() => void remote.reload(true)} /> : null}
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}

/** While open: how many took part, by area and by heads, against the ⅔ needed. Never how they voted. */
function TurnoutCard({ vote }: { vote: VoteView }) {
  const t = vote.turnout as NonNullable<VoteView['turnout']>;
  return (
    <View className="card vote-turnout">
      <View className="card-title">参与情况</View>
      <View className="kv-row">
        <Text className="kv-label">参与面积</Text>
        <Text className="kv-value vote-turnout-area">
          {m2(t.participatingAreaCenti)} / {m2(t.totalAreaCenti)}（{shareText(t.participatingAreaCenti, t.totalAreaCenti)}）
        </Text>
      </View>
      <View className="vote-bar">
        <View className="vote-bar-fill" style={{ width: shareText(t.participatingAreaCenti, t.totalAreaCenti) }} />
      </View>
      <View className="kv-row">
        <Text className="kv-label">参与人数</Text>
        <Text className="kv-value vote-turnout-heads">
          {t.participatingHeads} / {t.totalHeads} 人（{shareText(t.participatingHeads, t.totalHeads)}）
        </Text>
      </View>
      <View className="vote-bar">
        <View className="vote-bar-fill" style={{ width: shareText(t.participatingHeads, t.totalHeads) }} />
      </View>
      {t.paperPending > 0 ? <View className="muted vote-paper-pending-note">另有 {t.paperPending} 张纸质选票待社区确认，确认后计入。</View> : null}
      <View className="muted">面积和人数都达到三分之二，表决才有效。投票结束前不公布各选项票数。</View>
    </View>
  );
}

/** Closed: the result as frozen at close, and where it is published. */
function ResultCard({ vote }: { vote: VoteView }) {
  const r = vote.result as NonNullable<VoteView['result']>;
  const passed = r.passedOption !== null;
  return (
    <View className="card vote-result">
      <View className="card-title">表决结果</View>
      <View className={`vote-verdict ${passed ? 'vote-verdict-passed' : 'vote-verdict-failed'}`}>
        {passed ? `通过：${vote.options[r.passedOption as number]}` : r.quorum ? '未通过' : '未通过：参与不足三分之二'}
      </View>
      <View className="muted vote-rule">
        参与面积 {shareText(r.participatingAreaCenti, r.totalAreaCenti)}，参与人数 {shareText(r.participatingHeads, r.totalHeads)}；{r.threshold === '3/4' ? '须参与者面积和人数均四分之三以上同意' : '须参与者面积和人数均过半数同意'}
      </View>
      {paperCountText(r) ? <View className="muted vote-result-paper">{paperCountText(r)}</View> : null}
      {r.options.map((o) => (
        <View key={o.option} className="vote-result-option">
          <View className="kv-row">
            <Text className="kv-label">{o.option}</Text>
            <Text className="kv-value">
              {o.heads} 人 · {m2(o.areaCenti)}
            </Text>
          </View>
          <View className="vote-bar">
            <View className="vote-bar-fill" style={{ width: shareText(o.areaCenti, r.participatingAreaCenti) }} />
          </View>
        </View>
      ))}
      {vote.disclosureId ? (
        <View className="link-row vote-disclosure-link" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${vote.disclosureId}` })}>
          <Text>已在小区公示中公布（防篡改链）</Text>
          <Text className="link-arrow">›</Text>
        </View>
      ) : null}
    </View>
  );
}

/** The lifecycle buttons the API allows now; 退回 asks why, 结束投票 asks to confirm. */
function Steps({ vote, onDone, onStale }: { vote: VoteView; onDone: (v: VoteView) => void; onStale: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const steps = VOTE_ACTIONS.filter((s) => vote.can[s]);
  if (!steps.length && !vote.can.close) return null;

  const run = async (work: () => Promise<VoteView>, done: string) => {
    setBusy(true);
    setError('');
    try {
      onDone(await work());
      setRejecting(false);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === 'STALE_VERSION') onStale();
    } finally {
      setBusy(false);
    }
  };
  const take = (step: VoteAction) => {
    if (step === 'reject') return setRejecting(true);
    void run(() => stepVote(vote.id, step), VOTE_TRANSITIONS[step].label.replace(/^批准开始投票$/, '投票已开始'));
  };
  const close = async () => {
    const answer = await Taro.showModal({ title: '结束投票', content: '结束后按投票名单计算结果，并在小区公示中公布，不能再投票。', confirmText: '结束并公布', cancelText: '取消' });
    if (answer.confirm) void run(() => closeVote(vote.id), '已公布结果');
  };

  return (
    <View className="card vote-steps">
      {error ? <View className="form-error vote-step-error">{error}</View> : null}
      {rejecting ? (
        <View className="vote-reject-panel">
          <View className="field-label">退回的原因</View>
          <TextBox className="vote-reject-note" value={note} max={500} placeholder="例如：请补充物业费测算表" onChange={setNote} />
          <View className="button-row">
            <Button className="button button-primary vote-reject-confirm" disabled={busy || undefined} onClick={() => (note.trim() ? void run(() => stepVote(vote.id, 'reject', note.trim()), '已退回') : setError('请写明退回的原因'))}>
              确认退回
            </Button>
            <Button className="button vote-reject-cancel" onClick={() => setRejecting(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="button-row">
          {steps.map((s) => (
            <Button key={s} className={`button ${s === 'withdraw' || s === 'reject' ? '' : 'button-primary '}vote-step vote-step-${s}`} disabled={busy || undefined} onClick={() => take(s)}>
              {VOTE_TRANSITIONS[s].label}
            </Button>
          ))}
          {vote.can.close ? (
            <Button className="button button-primary vote-step vote-step-close" disabled={busy || undefined} onClick={() => void close()}>
              {VOTE_TRANSITIONS.close.label}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}

/** The caller's houses on the voter list: the ballot cast, or large options to cast it (confirmed first). */
function MyBallots({ vote, onCast }: { vote: VoteView; onCast: () => void }) {
  const [busy, setBusy] = useState(false);
  const cast = async (houseId: number, house: string, choice: number) => {
    const answer = await Taro.showModal({ title: `确认投「${vote.options[choice]}」`, content: `为 ${house} 投票。每户只能投一票，投出后不能更改。`, confirmText: '确认投票', cancelText: '再想想' });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      await castBallot(vote.id, { houseId, choice });
      void Taro.showToast({ title: '已投票', icon: 'success' });
      onCast();
    } catch (e) {
      void Taro.showModal({ title: '没能投票', content: errorText(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card vote-mine">
      <View className="card-title">我的投票</View>
      {vote.myHouses.map((h) => (
        <View key={h.houseId} className="vote-my-house">
          <View className="vote-row-title">{h.house}</View>
          {h.ballot ? (
            <View className="vote-my-ballot">
              已投：<Text className="vote-my-choice">{h.ballot.option}</Text> · {shanghaiDateTime(h.ballot.castAt)}
              {h.ballot.paperState === 'pending' ? <Text className="vote-my-paper">（纸质选票，{PAPER_BALLOT_STATE_LABELS.pending}）</Text> : null}
            </View>
          ) : vote.can.cast ? (
            vote.options.map((o, i) => (
              <View key={o} className={`vote-option vote-option-${i}`} onClick={() => (busy ? undefined : void cast(h.houseId, h.house, i))}>
                {o}
              </View>
            ))
          ) : (
            <View className="muted">未投票</View>
          )}
        </View>
      ))}
    </View>
  );
}

/** 纸质选票 (the committee): the house, the choice on the paper, and a photo of it; a fresh form after each. */
function PaperBallot({ vote, onEntered }: { vote: VoteView; onEntered: () => void }) {
  const [round, setRound] = useState(0);
  return (
    <PaperBallotForm
      key={round}
      vote={vote}
      onEntered={() => {
        setRound((r) => r + 1);
        onEntered();
      }}
    />
  );
}

function PaperBallotForm({ vote, onEntered }: { vote: VoteView; onEntered: () => void }) {
  const [house, setHouse] = useState<DirectoryHouse | null>(null);
  const [choice, setChoice] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const photo = usePhotoPicker({ max: 1, upload: (file) => uploadFile(file.path) });
  const submit = async () => {
    if (!house) return setError('请选择房屋');
    if (choice === null) return setError('请选择选票上的选项');
    const shot = photo.shots[0];
    if (!shot || shot.state !== 'done' || !shot.answer) return setError('请拍下纸质选票的照片');
    setBusy(true);
    setError('');
    try {
      await castBallot(vote.id, { houseId: house.id, choice, paperPhotoId: shot.answer.id });
      void Taro.showToast({ title: '已录入', icon: 'success' });
      onEntered();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card vote-paper">
      <View className="card-title">录入纸质选票</View>
      <HousePicker
        communityId={vote.communityId}
        prefix="vote-paper"
        house={house}
        onHouse={setHouse}
        step={(kind, content) => (
          <View className="field">
            <View className="field-label">{kind === 'building' ? '楼栋' : '房屋'}</View>
            {content}
          </View>
        )}
      />
      <View className="field">
        <View className="field-label">选票上的选项</View>
        <ChoiceChips className="vote-paper-choices" itemClassName="vote-paper-choice" items={vote.options.map((o, i) => ({ i, o }))} keyOf={(x) => x.i} labelOf={(x) => x.o} chosen={choice} onChoose={(x) => setChoice(x.i)} />
      </View>
      <View className="field">
        <View className="field-label">选票照片</View>
        <PhotoPicker picker={photo} className="vote-paper-photo" label="＋ 拍下选票" disabled={busy} />
      </View>
      {error ? <View className="form-error vote-paper-error">{error}</View> : null}
      <Button className="button button-primary button-block vote-paper-submit" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在录入…' : '录入这张选票'}
      </Button>
    </View>
  );
}

/**
 * Individual ballots: every one for the committee and the office; an owner's own for an owner. Paper ballots
 * awaiting the office come first, with their photo: the office confirms or sends back (with the reason) as the
 * API allows; the committee sees 待社区确认 on what it entered.
 */
function Ballots({ vote, onChanged }: { vote: VoteView; onChanged: () => void }) {
  const remote = useRemote(useCallback(() => listBallots(vote.id), [vote.id, vote.turnout?.ballots, vote.turnout?.paperPending]));
  if (remote.phase !== 'ready' || !remote.data?.length) return null;
  const pending = remote.data.filter((b) => b.paperState === 'pending');
  const rest = remote.data.filter((b) => b.paperState !== 'pending');
  const changed = () => {
    void remote.reload(true);
    onChanged();
  };
  return (
    <View>
      {pending.length ? (
        <View className="card vote-paper-pending">
          <View className="card-title">待社区确认的纸质选票（{pending.length}）</View>
          <View className="muted">请对照选票照片核对房屋和选项；确认后计入结果，退回后这户可以重新投票。</View>
          {pending.map((b) => (
            <BallotRow key={b.id} vote={vote} ballot={b} onChanged={changed} />
          ))}
        </View>
      ) : null}
      {rest.length ? (
        <View className="card vote-ballots">
          <View className="card-title">选票（{rest.length}）</View>
          {rest.map((b) => (
            <BallotRow key={b.id} vote={vote} ballot={b} onChanged={changed} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function BallotRow({ vote, ballot: b, onChanged }: { vote: VoteView; ballot: BallotView; onChanged: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const steps = PAPER_BALLOT_STEPS.filter((s) => b.can[s]);
  const run = async (step: PaperBallotStep) => {
    if (step === 'reject' && !rejecting) return setRejecting(true);
    if (step === 'reject' && !note.trim()) return setError('请写明退回的原因');
    setBusy(true);
    setError('');
    try {
      await paperBallotStep(vote.id, b.id, step, step === 'reject' ? note.trim() : undefined);
      void Taro.showToast({ title: step === 'reject' ? '已退回' : '已确认', icon: 'success' });
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`vote-row vote-ballot${b.paperState ? ` vote-ballot-${b.paperState}` : ''}`}>
      <View className="vote-row-main">
        <View className="vote-row-title">{b.house}</View>
        <View className="vote-facts">
          <Text>{b.option}</Text>
          <Text>{b.paper ? '纸质选票' : '线上投票'}</Text>
          {b.paperState ? <Text className={`badge vote-ballot-state vote-ballot-state-${b.paperState}`}>{PAPER_BALLOT_STATE_LABELS[b.paperState]}</Text> : null}
          <Text>{shanghaiDateTime(b.castAt)}</Text>
        </View>
        {b.note ? <View className="muted vote-ballot-note">退回原因：{b.note}</View> : null}
      </View>
      {b.photo ? <PhotoGrid photos={[b.photo]} className="vote-ballot-photo" /> : null}
      {steps.length || error ? (
        // Below the house and the photo, the full width of the row.
        <View className="vote-ballot-decide">
          {rejecting ? <TextBox className="vote-ballot-reject-note" value={note} max={500} placeholder="例如：照片上的房号与录入的不一致" onChange={setNote} /> : null}
          {error ? <View className="form-error vote-ballot-error">{error}</View> : null}
          <View className="button-row">
            {steps.map((s) => (
              <Button key={s} className={`button ${s === 'confirm' ? 'button-primary ' : ''}vote-ballot-step vote-ballot-${s}`} disabled={busy || undefined} onClick={() => void run(s)}>
                {rejecting && s === 'reject' ? '确认退回' : PAPER_BALLOT_TRANSITIONS[s].label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
