import type {
  ChainEntry,
  ChainVerification,
  ComplianceView,
  CreateDisclosureInput,
  DisclosureState,
  DisclosureSummary,
  DisclosureType,
  DisclosureView,
  Page,
  QuestionView,
  UpdateDisclosureInput,
} from '@wuye/contracts';
import { request } from './http';
import { downloadXlsx } from './downloads';
import { uploadFile } from './uploads';

/** 公示 and 业账社审: the board, a disclosure, drafting, committee review, questions, the hash chain. */

export interface DisclosureFilter {
  type?: DisclosureType;
  period?: string;
  state?: DisclosureState;
}

/** The board of one estate (residents see published versions only; the server decides), newest first. */
export function listDisclosures(communityId: number, filter: DisclosureFilter = {}, cursor?: string): Promise<Page<DisclosureSummary>> {
  return request<Page<DisclosureSummary>>({ url: `/api/v1/communities/${communityId}/disclosures`, query: { ...filter, cursor } });
}

/** Lines, vouchers, versions, questions; committee reviews only for the property side and the committee. */
export function getDisclosure(id: number): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}` });
}

export function createDisclosure(input: CreateDisclosureInput): Promise<DisclosureView> {
  return request<DisclosureView>({ url: '/api/v1/disclosures', method: 'POST', data: input });
}

/** Drafts only; a stale rowVersion answers 409 STALE_VERSION. */
export function updateDisclosure(id: number, input: UpdateDisclosureInput & { rowVersion?: number }): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}`, method: 'PATCH', data: input });
}

/** 提交业委会审核 (the full checks run now: e.g. cost lines need vouchers). */
export function submitDisclosure(id: number): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/submit`, method: 'POST' });
}

/** 撤回修改: back to draft, to revise what the committee queried. */
export function withdrawDisclosure(id: number): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/withdraw`, method: 'POST' });
}

export interface ReviewInput {
  lineId?: number;
  decision: 'approve' | 'query';
  comment?: string;
}

/** A committee member approves or queries one line (or the whole disclosure without lineId). */
export function reviewDisclosure(id: number, input: ReviewInput): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/reviews`, method: 'POST', data: input });
}

/** The manager answers a committee query. */
export function answerReview(reviewId: number, answer: string): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosure-reviews/${reviewId}/answer`, method: 'POST', data: { answer } });
}

/** 主任签发: the API refuses (409 OPEN_QUERIES …) with a message to show as it is. */
export function signOffDisclosure(id: number): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/sign-off`, method: 'POST' });
}

/** 质询 on a published disclosure or one of its lines. */
export function askQuestion(id: number, text: string, lineId?: number): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/questions`, method: 'POST', data: lineId ? { text, lineId } : { text } });
}

export function answerQuestion(questionId: number, answer: string): Promise<QuestionView> {
  return request<QuestionView>({ url: `/api/v1/questions/${questionId}/answer`, method: 'POST', data: { answer } });
}

export type EstateQuestion = QuestionView & { disclosureId: number; disclosureTitle: string };

/** Residents' questions in an estate, for the manager (and the committee, the office). */
export function listEstateQuestions(communityId: number, filter: 'unanswered' | 'overdue' | 'all' = 'unanswered', cursor?: string): Promise<Page<EstateQuestion>> {
  return request<Page<EstateQuestion>>({ url: `/api/v1/communities/${communityId}/questions`, query: { filter, cursor } });
}

export function getChain(communityId: number): Promise<ChainEntry[]> {
  return request<ChainEntry[]>({ url: `/api/v1/communities/${communityId}/disclosures/chain` });
}

/** Recomputes every published version's hash on the server: valid, or the first broken link. */
export function verifyChain(communityId: number): Promise<ChainVerification> {
  return request<ChainVerification>({ url: `/api/v1/communities/${communityId}/disclosures/chain/verify` });
}

export function getCompliance(communityId: number): Promise<ComplianceView> {
  return request<ComplianceView>({ url: `/api/v1/communities/${communityId}/disclosure-compliance` });
}

export interface UploadedVoucher {
  id: number;
  url: string;
  thumbnailUrl: string | null;
  kind: 'image' | 'pdf';
}

/**
 * 上传凭证: a photo (re-encoded by the server, EXIF stripped) or a PDF (kept as sent, so it has no thumbnail).
 */
export async function uploadVoucher(filePath: string, fileName?: string): Promise<UploadedVoucher> {
  const view = await uploadFile(filePath, fileName);
  return { id: view.id, url: view.url, thumbnailUrl: view.thumbnailUrl || null, kind: view.thumbnailUrl ? 'image' : 'pdf' };
}

/** 发起更正: a new draft version of a published disclosure, with the reason shown beside both versions. */
export function correctDisclosure(id: number, reason: string): Promise<DisclosureView> {
  return request<DisclosureView>({ url: `/api/v1/disclosures/${id}/corrections`, method: 'POST', data: { reason } });
}

/** One disclosure as .xlsx (lines, totals, its hash): saved in the browser, opened in WeChat's viewer. */
export function downloadDisclosure(view: Pick<DisclosureView, 'id' | 'title'>): Promise<void> {
  return downloadXlsx(`/api/v1/disclosures/${view.id}/export.xlsx`, {}, `${view.title}.xlsx`);
}

/** A year of an estate's published disclosures as one .xlsx. */
export function downloadDisclosureYear(communityId: number, year: number, estateName: string): Promise<void> {
  return downloadXlsx(`/api/v1/communities/${communityId}/disclosures/export.xlsx`, { year }, `${estateName}${year}年公示.xlsx`);
}
