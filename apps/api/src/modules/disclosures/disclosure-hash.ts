import { createHash } from 'node:crypto';
import { canonicalJson } from '@wuye/contracts';
import type { DisclosureLine } from './disclosure-line.entity';
import type { Disclosure } from './disclosure.entity';

/**
 * The tamper-evidence hash of a published version: SHA-256 over the canonical JSON of everything residents rely
 * on — what, when, every line with its vouchers' own SHA-256 — and the hash of the community's previous
 * published version. Changing any of it afterwards, or the order of the chain, no longer matches.
 * The state is left out on purpose: being superseded later does not alter what was published.
 */
export function disclosureHash(d: Disclosure, lines: DisclosureLine[], attachmentSha: Map<number, string>): string {
  const payload = {
    id: d.id,
    communityId: d.communityId,
    type: d.type,
    period: d.period,
    title: d.title,
    version: d.version,
    lineageId: d.lineageId,
    supersedesId: d.supersedesId,
    correctionReason: d.correctionReason,
    content: d.content,
    totals: d.totals,
    lines: [...lines]
      .sort((a, b) => a.seq - b.seq)
      .map((l) => ({
        seq: l.seq,
        kind: l.kind,
        item: l.item,
        amountFen: l.amountFen,
        fields: l.fields,
        attachments: l.attachmentIds.map((id) => attachmentSha.get(id) ?? null),
      })),
    // What it derived from other records, fixed at sign-off; absent from versions published before facts were kept,
    // so their hashes stay what they were.
    facts: d.facts ?? undefined,
    publishedAt: d.publishedAt ? d.publishedAt.toISOString() : null,
    signedOffById: d.signedOffById,
    chainSeq: d.chainSeq,
    prevHash: d.prevHash,
  };
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/** SHA-256 of the shares of a shared cost as written (by house), for the facts a publication fixes. */
export function sharesDigest(shares: { houseId: number; weight: number; shareFen: number }[]): string {
  const rows = [...shares].sort((a, b) => a.houseId - b.houseId).map((s) => [s.houseId, s.weight, s.shareFen]);
  return createHash('sha256').update(canonicalJson(rows)).digest('hex');
}
