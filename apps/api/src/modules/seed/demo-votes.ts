import { EntityManager, In, IsNull, Not } from 'typeorm';
import { DEFAULT_VOTE_OPTIONS, tallyAtClose, type DisclosureFacts, type VoteMatter } from '@wuye/contracts';
import { HouseBinding } from '../identity/house-binding.entity';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { User } from '../identity/user.entity';
import type { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { Ballot } from '../votes/ballot.entity';
import { VoteVoter } from '../votes/vote-voter.entity';
import { Vote } from '../votes/vote.entity';
import { voterRows } from '../votes/voter-list';
import { prng } from './demo-tickets';

const DAY = 86400_000;

/** A closed vote whose result the disclosure seed publishes in the estate's chain (and its fund withdrawal cites). */
export interface DemoClosedVote {
  vote: Vote;
  facts: DisclosureFacts;
}

/**
 * 业主共同决定 in every demo estate: the owners decided five months ago to use the maintenance fund for the roof (closed,
 * its result published in the chain by the disclosure seed, cited by the fund's withdrawal), and are voting now on a
 * fee change (open, about a third have voted; the demo accounts' own houses have not, so they can).
 */
export async function seedDemoVotes(m: EntityManager, communities: { community: Community; code: string }[], now = new Date()): Promise<Map<number, DemoClosedVote>> {
  const rnd = prng(2781278);
  const closed = new Map<number, DemoClosedVote>();
  for (const { community } of communities) {
    const houses = await m.getRepository(House).find({ where: { communityId: community.id }, order: { id: 'ASC' } });
    if (!houses.length) continue;
    const bindings = await m.getRepository(HouseBinding).findBy({ communityId: community.id, state: 'approved', relation: 'owner' });
    const chair = await m.getRepository(RoleAssignment).findOne({ where: { communityId: community.id, role: In(['committee_chair', 'committee']) }, order: { role: 'DESC', id: 'ASC' } });
    const office = await m.getRepository(RoleAssignment).findOne({ where: { role: 'community_office', areaId: community.areaId } });
    const drafterId = chair?.userId ?? 1;
    // Houses of the demo accounts (they sign in with a key) are left to vote in the demo.
    const demoUsers = new Set((await m.getRepository(User).findBy({ id: In(bindings.map((b) => b.userId).concat(0)), devKey: Not(IsNull()) })).map((u) => u.id));
    const ownerOf = new Map(bindings.map((b) => [b.houseId, b.userId]));

    const run = async (matter: VoteMatter, title: string, text: string, openedAt: Date, endsAt: Date, turnout: number, forShare: number) => {
      const vote = await m.getRepository(Vote).save(
        m.getRepository(Vote).create({
          communityId: community.id,
          areaPath: community.areaPath,
          matter,
          title,
          text,
          options: [...DEFAULT_VOTE_OPTIONS],
          documentIds: [],
          endsAt,
          state: 'open',
          note: null,
          createdById: drafterId,
          approvedById: office?.userId ?? null,
          openedAt,
          closedAt: null,
          result: null,
          disclosureId: null,
          createdAt: new Date(openedAt.getTime() - 5 * DAY),
        }),
      );
      const voters = voterRows(vote.id, houses, bindings);
      for (let i = 0; i < voters.length; i += 500) await m.getRepository(VoteVoter).insert(voters.slice(i, i + 500));
      const ballots: Omit<Ballot, 'id'>[] = [];
      for (const v of voters) {
        const owner = ownerOf.get(v.houseId);
        if ((owner && demoUsers.has(owner)) || rnd.next() >= turnout) continue;
        const r = rnd.next();
        const choice = r < forShare ? 0 : r < forShare + (1 - forShare) * 0.7 ? 1 : 2;
        // Houses without a verified owner in the app voted on paper, entered by the committee and confirmed by the office.
        ballots.push({ voteId: vote.id, houseId: v.houseId, liveHouseId: v.houseId, choice, castById: owner ?? drafterId, paper: !owner, photoId: null, paperState: owner ? null : 'confirmed', decidedById: null, decidedAt: null, note: null, createdAt: new Date(openedAt.getTime() + rnd.int(1, 72) * 3600_000) });
      }
      for (let i = 0; i < ballots.length; i += 500) await m.getRepository(Ballot).insert(ballots.slice(i, i + 500));
      return { vote, voters, ballots };
    };

    // Closed: 使用维修资金 for the roof, four in five households took part, most for.
    const openedAt = new Date(now.getTime() - 165 * DAY);
    const closedAt = new Date(now.getTime() - 150 * DAY);
    const fund = await run('fund_use', '关于使用专项维修资金翻新1栋屋面防水的表决', '1栋屋面多处渗漏，拟使用专项维修资金 86,000 元翻新屋面防水，施工单位经三家比价选定。', openedAt, closedAt, 0.82, 0.86);
    const tally = tallyAtClose('fund_use', fund.vote.options, fund.voters, fund.ballots);
    await m.getRepository(Vote).update(fund.vote.id, { state: 'closed', closedAt, result: tally });
    fund.vote.state = 'closed';
    fund.vote.closedAt = closedAt;
    fund.vote.result = tally;
    closed.set(community.id, {
      vote: fund.vote,
      facts: { vote: { voteId: fund.vote.id, matter: 'fund_use', title: fund.vote.title, options: fund.vote.options, openedAt: openedAt.toISOString(), closedAt: closedAt.toISOString(), tally } },
    });

    // Open: 调整物业费, opened three days ago for two weeks.
    await run('fee_change', '关于调整物业服务费标准的表决', '拟将住宅物业服务费由每月每平方米 1.80 元调整为 2.10 元，用于弥补近三年人工和能耗成本的上涨。', new Date(now.getTime() - 3 * DAY), new Date(now.getTime() + 11 * DAY), 0.35, 0.6);
  }
  return closed;
}
