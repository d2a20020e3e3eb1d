/**
 * 业主共同决定 (民法典 第二百七十八条; 最高法 建筑物区分所有权解释 第八、九条). The committee chair drafts a matter,
 * the community office approves opening it, owners cast one ballot per house, and at close the result is computed
 * once, frozen and published in the estate's disclosure chain. The lifecycle is data (VOTE_TRANSITIONS): the API
 * plans every step from it and answers `can`; the mini-program shows buttons from that answer only.
 */
import type { PhotoView } from './tickets';

export const VOTE_MATTER_LABELS = {
  company: '选聘/解聘物业',
  fee_change: '调整物业费',
  fund_use: '使用维修资金',
  fund_raise: '筹集维修资金',
  rebuild: '改建重建',
  common_use: '改变共有部分用途或经营',
  other: '其他',
} as const;
export type VoteMatter = keyof typeof VOTE_MATTER_LABELS;
export const VOTE_MATTERS = Object.keys(VOTE_MATTER_LABELS) as VoteMatter[];

/** 278 (6)–(8): 筹集维修资金, 改建重建, 改变共有部分用途或者利用共有部分从事经营活动 need ¾ of the participants. */
export const SUPERMAJORITY_MATTERS: readonly VoteMatter[] = ['fund_raise', 'rebuild', 'common_use'];

export const VOTE_STATE_LABELS = {
  draft: '草稿',
  pending: '待社区审批',
  open: '投票中',
  closed: '已公布结果',
  withdrawn: '已撤回',
} as const;
export type VoteState = keyof typeof VOTE_STATE_LABELS;

/** Who takes a step: the estate's committee chair, the community office over the estate, or the scheduler. */
export type VoteActor = 'chair' | 'office' | 'system';

export interface VoteRule {
  label: string;
  from: readonly VoteState[];
  to: VoteState;
  who: readonly VoteActor[];
  /** Why it may not be taken in another state (shown to the person). */
  notNow: string;
}

export const VOTE_TRANSITIONS = {
  submit: { label: '提交社区审批', from: ['draft'], to: 'pending', who: ['chair'], notNow: '只有草稿可以提交审批' },
  approve: { label: '批准开始投票', from: ['pending'], to: 'open', who: ['office'], notNow: '只有待审批的表决可以批准' },
  reject: { label: '退回修改', from: ['pending'], to: 'draft', who: ['office'], notNow: '只有待审批的表决可以退回' },
  withdraw: { label: '撤回', from: ['draft', 'pending'], to: 'withdrawn', who: ['chair'], notNow: '投票开始后不能撤回' },
  close: { label: '结束投票并公布结果', from: ['open'], to: 'closed', who: ['chair', 'office', 'system'], notNow: '只有投票中的表决可以结束' },
} as const satisfies Record<string, VoteRule>;
export type VoteStep = keyof typeof VOTE_TRANSITIONS;
/** The steps people take through /votes/{id}/actions (close has its own route). */
export const VOTE_ACTIONS = ['submit', 'approve', 'reject', 'withdraw'] as const satisfies readonly VoteStep[];
export type VoteAction = (typeof VOTE_ACTIONS)[number];

/**
 * A paper ballot the committee enters counts only once the community office (the one that approved opening the
 * vote) has confirmed it against its photo: the committee may not add ballots by itself. Online ballots carry no
 * paper state. 退回 frees the house to vote again.
 */
export const PAPER_BALLOT_STATE_LABELS = { pending: '待社区确认', confirmed: '社区已确认', rejected: '已退回' } as const;
export type PaperBallotState = keyof typeof PAPER_BALLOT_STATE_LABELS;

export const PAPER_BALLOT_TRANSITIONS = {
  confirm: { label: '确认', from: ['pending'], to: 'confirmed', who: ['office'], notNow: '只有待确认的纸质选票可以确认' },
  reject: { label: '退回', from: ['pending'], to: 'rejected', who: ['office'], notNow: '只有待确认的纸质选票可以退回' },
} as const satisfies Record<string, { label: string; from: readonly PaperBallotState[]; to: PaperBallotState; who: readonly VoteActor[]; notNow: string }>;
export type PaperBallotStep = keyof typeof PAPER_BALLOT_TRANSITIONS;
export const PAPER_BALLOT_STEPS = Object.keys(PAPER_BALLOT_TRANSITIONS) as PaperBallotStep[];

export interface PaperBallotStepInput {
  step: PaperBallotStep;
  /** Required to reject (退回的原因: the photo is unreadable, not this house's ballot…). */
  note?: string;
}

/** A ballot counts in the turnout and the tally: cast online, or on paper and confirmed by the office. */
export const ballotCounts = (b: { paper: boolean; paperState: PaperBallotState | null }): boolean => !b.paper || b.paperState === 'confirmed';

export const VOTE_TITLE_MAX = 100;
export const VOTE_TEXT_MAX = 2000;
export const VOTE_OPTIONS_MIN = 2;
export const VOTE_OPTIONS_MAX = 10;
export const VOTE_OPTION_MAX = 50;
export const VOTE_DOCUMENTS_MAX = 9;
/** The options a yes/no matter gets when the chair gives none. */
export const DEFAULT_VOTE_OPTIONS = ['同意', '反对', '弃权'] as const;
/** Why a list of options (as typed, before trimming) cannot be put to the vote, or null: 2–10, none empty, none twice. */
export function voteOptionsProblem(options: readonly string[]): string | null {
  const trimmed = options.map((o) => o.trim());
  if (trimmed.length < VOTE_OPTIONS_MIN || trimmed.length > VOTE_OPTIONS_MAX) return `选项须有 ${VOTE_OPTIONS_MIN}–${VOTE_OPTIONS_MAX} 个`;
  if (trimmed.some((o) => !o)) return '选项不能为空';
  if (trimmed.some((o) => o.length > VOTE_OPTION_MAX)) return `每个选项不超过 ${VOTE_OPTION_MAX} 个字`;
  if (new Set(trimmed).size !== trimmed.length) return '选项不能重复';
  return null;
}

/** Options that decide nothing even with a majority: a matter voted down or abstained on has not passed. */
export const NON_DECIDING_OPTIONS: readonly string[] = ['反对', '弃权'];

// ─── The tally (a pure function: exact integer arithmetic, no floats) ─────────────────────────────────────────

/** One house on the frozen voter list: its 专有部分面积 and the person it counts as for the head count. */
export interface TallyHouse {
  houseId: number;
  areaCenti: number;
  /** 解释第9条: one person owning several houses counts once. Houses with the same key are one person. */
  personKey: string;
}

export interface TallyBallot {
  houseId: number;
  /** Index into the vote's options. */
  choice: number;
}

export interface OptionTally {
  option: string;
  areaCenti: number;
  heads: number;
  passed: boolean;
}

export interface VoteTally {
  totalAreaCenti: number;
  totalHeads: number;
  participatingAreaCenti: number;
  participatingHeads: number;
  /** Houses with a ballot. */
  ballots: number;
  /** ≥ ⅔ of the area and ≥ ⅔ of the heads took part. */
  quorum: boolean;
  /** '1/2' (more than half) or '3/4' (at least three quarters) of the participating area and heads. */
  threshold: '1/2' | '3/4';
  options: OptionTally[];
  /** The option that passed, or null (no quorum, or none reached the threshold). */
  passedOption: number | null;
  /** Paper ballots counted (confirmed by the office) and left unconfirmed at close (not counted); set at close. */
  paperCounted?: number;
  paperUnconfirmed?: number;
}

/** a/b ≥ n/d, exactly (a, b, n, d non-negative integers, b, d > 0). */
const atLeast = (a: number, b: number, n: number, d: number) => a * d >= b * n;
/** a/b > n/d, exactly. */
const moreThan = (a: number, b: number, n: number, d: number) => a * d > b * n;

/**
 * 民法典 278: participation needs ≥ ⅔ of the area and ≥ ⅔ of the owners (heads); a matter passes with more than ½
 * of the participating area and heads, or ≥ ¾ of both for 278(6)–(8). Areas are integer 0.01 m² and heads integers,
 * so every comparison is a cross-multiplication of integers (exact while below 2^53: an estate of 100 000 houses of
 * 10 000 m² is 10^11 × 4).
 * A person with several houses counts once for heads: they take part if any of their houses has a ballot, and
 * their head goes to an option only if every ballot of theirs chose it (split ballots count in participation only).
 * 反对 and 弃权 never pass: a majority against means the matter failed.
 */
export function tallyVote(matter: VoteMatter, options: readonly string[], houses: readonly TallyHouse[], ballots: readonly TallyBallot[]): VoteTally {
  const byHouse = new Map(houses.map((h) => [h.houseId, h]));
  const totalAreaCenti = houses.reduce((a, h) => a + h.areaCenti, 0);
  const totalHeads = new Set(houses.map((h) => h.personKey)).size;
  const area = options.map(() => 0);
  const choicesOf = new Map<string, Set<number>>();
  let participatingAreaCenti = 0;
  let counted = 0;
  const seen = new Set<number>();
  for (const b of ballots) {
    const h = byHouse.get(b.houseId);
    if (!h || seen.has(b.houseId) || !(b.choice >= 0 && b.choice < options.length)) continue;
    seen.add(b.houseId);
    counted++;
    participatingAreaCenti += h.areaCenti;
    area[b.choice] += h.areaCenti;
    const set = choicesOf.get(h.personKey) ?? new Set<number>();
    set.add(b.choice);
    choicesOf.set(h.personKey, set);
  }
  const participatingHeads = choicesOf.size;
  const heads = options.map(() => 0);
  for (const set of choicesOf.values()) if (set.size === 1) heads[[...set][0]]++;
  const quorum = totalAreaCenti > 0 && totalHeads > 0 && atLeast(participatingAreaCenti, totalAreaCenti, 2, 3) && atLeast(participatingHeads, totalHeads, 2, 3);
  const threshold = SUPERMAJORITY_MATTERS.includes(matter) ? '3/4' : '1/2';
  const reaches = (a: number, of: number) => (threshold === '3/4' ? atLeast(a, of, 3, 4) : moreThan(a, of, 1, 2));
  const tallies = options.map((option, i) => ({
    option,
    areaCenti: area[i],
    heads: heads[i],
    passed: quorum && !NON_DECIDING_OPTIONS.includes(option) && reaches(area[i], participatingAreaCenti) && reaches(heads[i], participatingHeads),
  }));
  const passedIndex = tallies.findIndex((o) => o.passed);
  return { totalAreaCenti, totalHeads, participatingAreaCenti, participatingHeads, ballots: counted, quorum, threshold, options: tallies, passedOption: passedIndex < 0 ? null : passedIndex };
}

/**
 * The result frozen at close: online ballots and paper ballots the office confirmed are counted; paper ballots still
 * awaiting confirmation are not, and the result says how many there were.
 */
export function tallyAtClose(matter: VoteMatter, options: readonly string[], houses: readonly TallyHouse[], ballots: readonly (TallyBallot & { paper: boolean; paperState: PaperBallotState | null })[]): VoteTally {
  const counted = ballots.filter(ballotCounts);
  return { ...tallyVote(matter, options, houses, counted), paperCounted: counted.filter((b) => b.paper).length, paperUnconfirmed: ballots.filter((b) => b.paper && b.paperState === 'pending').length };
}

/** "计入纸质选票 1 张（经社区确认）；2 张截止时未经社区确认，未计入", or null for a result frozen before paper ballots were confirmed. */
export function paperCountText(t: Pick<VoteTally, 'paperCounted' | 'paperUnconfirmed'>): string | null {
  if (t.paperCounted === undefined) return null;
  return `计入纸质选票 ${t.paperCounted} 张（经社区确认）${t.paperUnconfirmed ? `；${t.paperUnconfirmed} 张截止时未经社区确认，未计入` : ''}`;
}

/** "67.5%": a share to one decimal, for display only. */
export const shareText = (part: number, whole: number): string => (whole > 0 ? `${((part * 1000) / whole / 10).toFixed(1)}%` : '—');

// ─── API shapes ───────────────────────────────────────────────────────────────────────────────────────────────

export interface CreateVoteInput {
  communityId: number;
  matter: VoteMatter;
  title: string;
  /** What is to be decided, in full. */
  text: string;
  /** The options (2–10); a yes/no matter: 同意 / 反对 / 弃权 when omitted. */
  options?: string[];
  /** Upload ids (photos or PDF): the plan, the quotes, the contract draft… */
  documentIds?: number[];
  /** When voting ends (ISO 8601); it starts when the community office approves. */
  endsAt: string;
}
export type UpdateVoteInput = Partial<Omit<CreateVoteInput, 'communityId'>>;

export interface VoteStepInput {
  step: VoteAction;
  /** Required to reject (退回的原因). */
  note?: string;
}

export interface CastBallotInput {
  houseId: number;
  choice: number;
  /** A paper ballot entered by the committee: the photo of it (upload id). */
  paperPhotoId?: number;
}

/** While open: how many took part so far (never how they voted). */
export interface VoteTurnout {
  totalAreaCenti: number;
  totalHeads: number;
  participatingAreaCenti: number;
  participatingHeads: number;
  ballots: number;
  houses: number;
  /** Paper ballots waiting for the office's confirmation (not counted yet). */
  paperPending: number;
}

export interface VoteSummary {
  id: number;
  communityId: number;
  matter: VoteMatter;
  title: string;
  state: VoteState;
  endsAt: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Closed: whether it passed and which option. */
  passedOption: string | null;
}

export interface BallotView {
  id: number;
  houseId: number;
  /** "3栋1单元1201". */
  house: string;
  choice: number;
  option: string;
  paper: boolean;
  /** Paper ballots only: 待社区确认 / 社区已确认 / 已退回 (null for an online ballot). */
  paperState: PaperBallotState | null;
  /** Why the office sent it back. */
  note: string | null;
  photo: PhotoView | null;
  castAt: string;
  /** The office's buttons (PAPER_BALLOT_TRANSITIONS). */
  can: Record<PaperBallotStep, boolean>;
}

export interface VoteView extends VoteSummary {
  text: string;
  options: string[];
  documents: PhotoView[];
  note: string | null;
  turnout: VoteTurnout | null;
  /** Closed only: the frozen result. */
  result: VoteTally | null;
  /** The published result in the estate's disclosure chain. */
  disclosureId: number | null;
  /** The caller's houses on the voter list, and their ballot (if cast). */
  myHouses: { houseId: number; house: string; ballot: { choice: number; option: string; castAt: string; paperState: PaperBallotState | null } | null }[];
  /** What the caller may do now (VOTE_TRANSITIONS, plus casting and entering paper ballots): the app's buttons. */
  can: Record<VoteStep | 'edit' | 'cast' | 'enterPaper' | 'readBallots', boolean>;
}
