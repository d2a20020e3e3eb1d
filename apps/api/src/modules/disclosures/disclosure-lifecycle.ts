import { DISCLOSURE_STEPS, DISCLOSURE_TRANSITIONS, isPublished, type DisclosureState, type DisclosureStep, type DisclosureType } from '@wuye/contracts';
import { conflict } from '../../common/errors';
import type { Principal } from '../identity/principal';

/**
 * 公示 and 业账社审 driven by one table (DISCLOSURE_TRANSITIONS in libs/contracts): the services load a disclosure
 * for a step through here, the views tell the app what the caller may do with the same rules, and the app shows
 * buttons from that answer only. Pure: no I/O.
 */

/** The refusal of a step from this state (of a disclosure of this type), or null when the step starts here. */
export function refusalFrom(state: DisclosureState, step: DisclosureStep, type?: DisclosureType) {
  // A vote's result is what its ballots said at close: the system publishes it, nobody corrects it by hand.
  if (type === 'vote_result' && step === 'correct') return conflict('DISCLOSURE_PUBLISHED', '表决结果按投票自动公示，不能更正', { state, step });
  const rule = DISCLOSURE_TRANSITIONS[step];
  if (rule.from.includes(state)) return null;
  const said = rule.notFrom?.[state];
  if (said) return conflict('ILLEGAL_TRANSITION', said, { state, step });
  // A published version never changes; a correction is a new version.
  if (isPublished(state) && !rule.from.some(isPublished)) return conflict('DISCLOSURE_PUBLISHED', '已公示的内容不能修改；如需更正，请发起更正（新版本）', { state, step });
  return conflict('ILLEGAL_TRANSITION', rule.notNow, { state, step });
}

/** Whether the caller holds the step's policy in the disclosure's estate. */
export const holdsStep = (caller: Principal, communityId: number, step: DisclosureStep) => caller.mayInCommunity(DISCLOSURE_TRANSITIONS[step].policy, communityId);

/**
 * What the caller may do now, and why a step they could otherwise take is held back (e.g. the chair's sign-off
 * while queries are open), so the page can say it before anyone presses the button.
 */
export function disclosureActions(
  d: { state: DisclosureState; communityId: number; type?: DisclosureType },
  caller: Principal,
  holds: Partial<Record<DisclosureStep, string | null>> = {},
): { can: Record<DisclosureStep, boolean>; blocked: Partial<Record<DisclosureStep, string>> } {
  const can = {} as Record<DisclosureStep, boolean>;
  const blocked: Partial<Record<DisclosureStep, string>> = {};
  for (const step of DISCLOSURE_STEPS) {
    const open = holdsStep(caller, d.communityId, step) && !refusalFrom(d.state, step, d.type);
    const reason = open ? holds[step] : null;
    can[step] = open && !reason;
    if (reason) blocked[step] = reason;
  }
  return { can, blocked };
}

type LineReviewed = { id: number; changedRound: number };
type ReviewMade = { lineId: number | null; round: number; reviewerId: number; decision: 'approve' | 'query'; answeredAt: Date | null };

/**
 * Whether a line stands approved: a committee member (other than `exceptId`, the one signing) approved it, or the
 * whole, in a round after the line last changed, and no query on it waits for an answer.
 */
export function lineApproved(line: LineReviewed, reviews: readonly ReviewMade[], exceptId?: number): boolean {
  const approved = reviews.some((r) => r.decision === 'approve' && r.reviewerId !== exceptId && (r.lineId === line.id || r.lineId === null) && r.round > line.changedRound);
  return approved && !reviews.some((r) => r.decision === 'query' && !r.answeredAt && r.lineId === line.id);
}

/**
 * Why the chair may not sign off yet, or null (业账社审, separation of duties): every query answered, whichever round
 * raised it (a change to the line it is about closes it too), and every line approved by a committee member other
 * than the one signing, in a round after the line last changed (an approval of the whole counts for every line).
 */
export function signOffHold(
  lines: readonly (LineReviewed & { seq: number })[],
  reviews: readonly ReviewMade[],
  signerId: number,
): { code: 'OPEN_QUERIES' | 'LINES_NOT_APPROVED'; message: string } | null {
  const open = reviews.filter((r) => r.decision === 'query' && !r.answeredAt).length;
  if (open) return { code: 'OPEN_QUERIES', message: `还有 ${open} 条质疑未回复，不能签发` };
  const waiting = lines.filter((l) => !lineApproved(l, reviews, signerId)).map((l) => l.seq);
  if (waiting.length) return { code: 'LINES_NOT_APPROVED', message: `第 ${waiting.join('、')} 项还没有其他委员审核通过，不能签发` };
  return null;
}
