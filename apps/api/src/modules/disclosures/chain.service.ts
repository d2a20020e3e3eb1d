import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not, QueryFailedError } from 'typeorm';
import { shanghaiDateTime, type ChainEntry, type ChainVerification, type DisclosureFacts } from '@wuye/contracts';
import { conflict, notFound } from '../../common/errors';
import { residentsOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { Upload } from '../uploads/upload.entity';
import { disclosureHash, sharesDigest } from './disclosure-hash';
import { DisclosureShare } from './disclosure-share.entity';
import { DisclosureLine } from './disclosure-line.entity';
import { Disclosure } from './disclosure.entity';

/** The community's chain of published disclosures, and a check anyone may run that nothing was altered. */
@Injectable()
export class ChainService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

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

  /** The hash of a disclosure as stored: its row, its lines and its vouchers' own SHA-256. */
  private async hashOf(d: Disclosure, m: EntityManager = this.db.manager): Promise<string> {
    const lines = await m.getRepository(DisclosureLine).find({ where: { disclosureId: d.id } });
    const ids = [...new Set(lines.flatMap((l) => l.attachmentIds))];
    const uploads = ids.length ? await m.getRepository(Upload).findBy({ id: In(ids) }) : [];
    return disclosureHash(d, lines, new Map(uploads.map((u) => [u.id, u.sha256])));
  }

  /**
   * Publishes a disclosure in review as the next link of its estate's chain, hashed over what it shows and the
   * previous link, with `alongside` in the same transaction. Two publications in one estate at once: the chain
   * position is unique, one of them is told to try again (CHAIN_BUSY); any other clash is not that, and says so.
   */
  async publish(
    d: Disclosure,
    signedById: number,
    steps: {
      /** What the publication fixes (shares written, derived facts): inside the hash. */
      freeze: (m: EntityManager) => Promise<DisclosureFacts | null>;
      alongside: (m: EntityManager, published: { hash: string; chainSeq: number }) => Promise<void>;
    },
  ): Promise<void> {
    try {
      await this.db.transaction(async (m) => {
        const last = await m.getRepository(Disclosure).findOne({ where: { communityId: d.communityId, chainSeq: Not(IsNull()) }, order: { chainSeq: 'DESC' } });
        const facts = await steps.freeze(m);
        const publishing: Disclosure = { ...d, state: 'published', publishedAt: new Date(), signedOffById: signedById, chainSeq: (last?.chainSeq ?? 0) + 1, prevHash: last?.hash ?? null, facts };
        const hash = await this.hashOf(publishing, m);
        const result = await m
          .getRepository(Disclosure)
          .createQueryBuilder()
          .update()
          .set({ state: 'published', publishedAt: publishing.publishedAt, signedOffById: signedById, chainSeq: publishing.chainSeq, prevHash: publishing.prevHash, hash, facts })
          .where("id = :id AND state = 'in_review' AND review_round = :round", { id: d.id, round: d.reviewRound })
          .execute();
        if (!result.affected) throw conflict('STALE_VERSION', '该公示刚被修改过，请刷新');
        await steps.alongside(m, { hash, chainSeq: publishing.chainSeq as number });
        await this.tellResidents(m, d, publishing.publishedAt as Date);
      });
      this.notifications.kick();
    } catch (error) {
      if (this.isChainCollision(error)) throw conflict('CHAIN_BUSY', '同时有其他公示在签发，请稍后重试');
      throw error;
    }
  }

  /** Every resident of the estate hears of a new publication once (however many houses they hold), with its page. */
  private async tellResidents(m: EntityManager, d: Disclosure, at: Date): Promise<void> {
    const community = await m.getRepository(Community).findOneByOrFail({ id: d.communityId });
    await this.notifications.notify(
      await residentsOf(m, d.communityId),
      {
        kind: 'disclosure_public',
        title: `${community.name}发布新公示`,
        body: d.title,
        disclosureId: d.id,
        template: 'notice',
        fields: { thing1: d.title, phrase2: '已公示', time3: shanghaiDateTime(at), thing4: '点击查看公示内容' },
      },
      m,
    );
  }

  /** A clash on the estate's chain position (community, seq), and nothing else. */
  private isChainCollision(error: unknown): boolean {
    if (!(error instanceof QueryFailedError)) return false;
    const index = this.db.namingStrategy.indexName('disclosure', ['community_id', 'chain_seq']);
    return error.message.includes(index) || /disclosure\.community_id, disclosure\.chain_seq/.test(error.message);
  }

  /** Recomputes every hash from the stored rows, in chain order; the first mismatch is named. */
  async verify(communityId: number, caller: Principal): Promise<ChainVerification> {
    const chain = await this.published(communityId, caller);
    let previous: string | null = null;
    let checked = 0;
    for (const d of chain) {
      const recomputed = await this.hashOf(d);
      checked++;
      if (d.prevHash !== previous) return { valid: false, checked, brokenAt: { id: d.id, seq: d.chainSeq as number, reason: 'chain_broken' } };
      // The shares of a shared cost are rows of their own: their digest is in the hashed facts.
      const sharesAltered = d.facts?.sharesSha256 !== undefined && sharesDigest(await this.db.getRepository(DisclosureShare).findBy({ disclosureId: d.id })) !== d.facts.sharesSha256;
      if (recomputed !== d.hash || sharesAltered) return { valid: false, checked, brokenAt: { id: d.id, seq: d.chainSeq as number, reason: 'content_changed' } };
      previous = d.hash;
    }
    return { valid: true, checked };
  }
}
