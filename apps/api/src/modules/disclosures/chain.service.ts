import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import type { ChainEntry, ChainVerification } from '@wuye/contracts';
import { notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import { Upload } from '../uploads/upload.entity';
import { disclosureHash } from './disclosure-hash';
import { DisclosureLine } from './disclosure-line.entity';
import { Disclosure } from './disclosure.entity';

/** The community's chain of published disclosures, and a check anyone may run that nothing was altered. */
@Injectable()
export class ChainService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private async published(communityId: number, caller: Principal): Promise<Disclosure[]> {
    if (!caller.mayInCommunity('disclosures.read', communityId)) throw notFound('community');
    return this.db.getRepository(Disclosure).find({ where: { communityId, chainSeq: Not(IsNull()) }, order: { chainSeq: 'ASC' } });
  }

  async chain(communityId: number, caller: Principal): Promise<ChainEntry[]> {
    return (await this.published(communityId, caller)).map((d) => ({
      id: d.id,
      seq: d.chainSeq as number,
      type: d.type,
      period: d.period,
      version: d.version,
      publishedAt: (d.publishedAt as Date).toISOString(),
      hash: d.hash as string,
      prevHash: d.prevHash,
    }));
  }

  /** Recomputes every hash from the stored rows, in chain order; the first mismatch is named. */
  async verify(communityId: number, caller: Principal): Promise<ChainVerification> {
    const chain = await this.published(communityId, caller);
    let previous: string | null = null;
    let checked = 0;
    for (const d of chain) {
      const lines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: d.id } });
      const ids = [...new Set(lines.flatMap((l) => l.attachmentIds))];
      const uploads = ids.length ? await this.db.getRepository(Upload).findBy({ id: In(ids) }) : [];
      const recomputed = disclosureHash(d, lines, new Map(uploads.map((u) => [u.id, u.sha256])));
      checked++;
      if (d.prevHash !== previous) return { valid: false, checked, brokenAt: { id: d.id, seq: d.chainSeq as number, reason: 'chain_broken' } };
      if (recomputed !== d.hash) return { valid: false, checked, brokenAt: { id: d.id, seq: d.chainSeq as number, reason: 'content_changed' } };
      previous = d.hash;
    }
    return { valid: true, checked };
  }
}
