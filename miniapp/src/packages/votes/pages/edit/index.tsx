import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  DEFAULT_VOTE_OPTIONS,
  SUPERMAJORITY_MATTERS,
  VOTE_DOCUMENTS_MAX,
  VOTE_MATTER_LABELS,
  VOTE_MATTERS,
  VOTE_OPTION_MAX,
  VOTE_OPTIONS_MAX,
  VOTE_OPTIONS_MIN,
  VOTE_TITLE_MAX,
  addDays,
  shanghaiDate,
  shanghaiTimeOn,
  voteOptionsProblem,
  type VoteMatter,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useSession } from '../../../../hooks/useSession';
import { VOTE_EDIT_PAGE, votePage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { uploadFile } from '../../../../services/uploads';
import { createVote, stepVote } from '../../../../services/votes';
import '../../votes.scss';

/** How long voting runs once the office approves it: the chair picks one. */
const WINDOWS = [7, 14, 30] as const;

/**
 * 起草表决 (业委会主任): the matter, what is decided, the documents and how long voting runs; saved as a draft or sent
 * straight to the community office for approval. Options start as 同意 / 反对 / 弃权; the chair may type their own
 * (2–10, none empty, none twice), e.g. the companies bidding for 选聘物业.
 */
export default function VoteEditor() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const gate = useSession({ returnTo: `${VOTE_EDIT_PAGE}?communityId=${communityId}` });
  const [matter, setMatter] = useState<VoteMatter>('fee_change');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(14);
  const [options, setOptions] = useState<string[]>([...DEFAULT_VOTE_OPTIONS]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const documents = usePhotoPicker({ max: VOTE_DOCUMENTS_MAX, upload: (file) => uploadFile(file.path, file.name), unit: '份材料' });

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后起草业主表决事项。" />;

  const save = async (submit: boolean) => {
    if (!title.trim()) return setError('请填写表决事项的标题');
    if (!text.trim()) return setError('请写明表决的内容');
    const optionsProblem = voteOptionsProblem(options);
    if (optionsProblem) return setError(optionsProblem);
    if (documents.shots.some((s) => s.state !== 'done')) return setError('还有材料没有上传完成');
    setBusy(true);
    setError('');
    try {
      // Voting ends at 18:00 (Asia/Shanghai) on the last day of the window counted from today.
      const endsAt = new Date(shanghaiTimeOn(addDays(shanghaiDate(), days))).toISOString();
      const draft = await createVote({ communityId, matter, title: title.trim(), text: text.trim(), options: options.map((o) => o.trim()), endsAt, documentIds: documents.shots.flatMap((s) => (s.answer ? [s.answer.id] : [])) });
      if (submit) await stepVote(draft.id, 'submit');
      void Taro.showToast({ title: submit ? '已提交社区审批' : '已保存草稿', icon: 'success' });
      void Taro.redirectTo({ url: votePage(draft.id) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page vote-page vote-edit-page">
      <View className="card">
        <View className="field">
          <View className="field-label">表决类别</View>
          <ChoiceChips className="vote-matters" itemClassName="vote-matter" items={VOTE_MATTERS} labels={VOTE_MATTER_LABELS} chosen={matter} onChoose={setMatter} />
          <View className="field-hint vote-threshold-hint">
            {SUPERMAJORITY_MATTERS.includes(matter)
              ? '须专有部分面积和人数均占三分之二以上的业主参与，并经参与表决的面积和人数均四分之三以上同意。'
              : '须专有部分面积和人数均占三分之二以上的业主参与，并经参与表决的面积和人数均过半数同意。'}
          </View>
        </View>
        <View className="field">
          <View className="field-label">标题</View>
          <Input className="input vote-title-input" value={title} maxlength={VOTE_TITLE_MAX} placeholder="例如：关于调整物业服务费标准的表决" onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className="field">
          <View className="field-label">表决内容</View>
          <TextBox className="vote-text-input" value={text} max={2000} placeholder="例如：拟将住宅物业服务费由每月每平方米 1.80 元调整为 2.10 元，理由和测算见附件。" onChange={setText} />
        </View>
        <View className="field">
          <View className="field-label">选项</View>
          <OptionsEditor options={options} onChange={setOptions} />
        </View>
        <View className="field">
          <View className="field-label">材料（方案、报价、合同等，选填）</View>
          <PhotoPicker picker={documents} className="vote-documents" pdf label="＋ 添加材料" disabled={busy} />
        </View>
        <View className="field">
          <View className="field-label">投票期（社区批准后开始）</View>
          <ChoiceChips className="vote-windows" itemClassName="vote-window" items={[...WINDOWS]} labelOf={(d) => `${d} 天`} chosen={days} onChoose={setDays} />
        </View>
        {error ? <View className="form-error vote-edit-error">{error}</View> : null}
        <View className="button-row">
          <Button className="button button-primary vote-submit" disabled={busy || undefined} onClick={() => void save(true)}>
            {busy ? '正在提交…' : '提交社区审批'}
          </Button>
          <Button className="button vote-save" disabled={busy || undefined} onClick={() => void save(false)}>
            保存草稿
          </Button>
        </View>
        <Text className="muted">提交后由社区（村）审批，批准时投票开始，投票名单和各户面积同时固定。</Text>
      </View>
      <PrivacyDialog />
    </View>
  );
}

/** The options as typed: one line each, removable down to the minimum, addable up to the maximum. */
function OptionsEditor({ options, onChange }: { options: string[]; onChange: (next: string[]) => void }) {
  return (
    <View className="vote-options-editor">
      {options.map((o, i) => (
        <View key={i} className="vote-option-edit">
          <Input className="input vote-option-input" value={o} maxlength={VOTE_OPTION_MAX} placeholder={`选项 ${i + 1}`} onInput={(e) => onChange(options.map((x, j) => (j === i ? e.detail.value : x)))} />
          {options.length > VOTE_OPTIONS_MIN ? (
            <Text className="link vote-option-remove" onClick={() => onChange(options.filter((_, j) => j !== i))}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {options.length < VOTE_OPTIONS_MAX ? (
        <Text className="link vote-option-add" onClick={() => onChange([...options, ''])}>
          ＋ 添加选项
        </Text>
      ) : null}
      <View className="field-hint">{VOTE_OPTIONS_MIN}–{VOTE_OPTIONS_MAX} 个选项；「反对」「弃权」即使过半也不算通过。</View>
    </View>
  );
}
