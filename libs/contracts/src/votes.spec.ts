import { paperCountText, tallyAtClose, tallyVote, voteOptionsProblem, type TallyBallot, type TallyHouse } from './votes';

const YES_NO = ['同意', '反对', '弃权'];
/** n houses of 100.00 m², each its own owner. */
const houses = (n: number, area = 10000): TallyHouse[] => Array.from({ length: n }, (_, i) => ({ houseId: i + 1, areaCenti: area, personKey: `u${i + 1}` }));
/** Ballots for houses 1…: `yes` for option 0, then `no` for option 1. */
const ballots = (yes: number, no: number, abstain = 0): TallyBallot[] =>
  [...Array(yes).fill(0), ...Array(no).fill(1), ...Array(abstain).fill(2)].map((choice, i) => ({ houseId: i + 1, choice }));

describe('tallyVote (民法典 278)', () => {
  it('reaches the quorum at exactly ⅔ of the area and heads, not one below', () => {
    // 12 houses: 8 taking part is exactly ⅔.
    const at = tallyVote('fee_change', YES_NO, houses(12), ballots(8, 0));
    expect(at.quorum).toBe(true);
    expect(at.passedOption).toBe(0);
    const below = tallyVote('fee_change', YES_NO, houses(12), ballots(7, 0));
    expect(below.quorum).toBe(false);
    expect(below.passedOption).toBeNull();
  });

  it('needs ⅔ of the area as well as ⅔ of the heads', () => {
    // 9 houses, 6 voting (⅔ of heads), but the 3 that stay away hold more than ⅓ of the area: 6×100 of 6×100 + 3×101.
    const hs = houses(9).map((h) => (h.houseId > 6 ? { ...h, areaCenti: 10100 } : h));
    const t = tallyVote('fee_change', YES_NO, hs, ballots(6, 0));
    expect(t.participatingHeads * 3).toBe(t.totalHeads * 2);
    expect(t.participatingAreaCenti * 3).toBeLessThan(t.totalAreaCenti * 2);
    expect(t.quorum).toBe(false);
    // Exactly ⅔ of the area with a thin area margin: 200 of 300.00 m² counts.
    const exact = tallyVote('fee_change', YES_NO, [{ houseId: 1, areaCenti: 10000, personKey: 'a' }, { houseId: 2, areaCenti: 10000, personKey: 'b' }, { houseId: 3, areaCenti: 10000, personKey: 'c' }], ballots(2, 0));
    expect(exact.quorum).toBe(true);
  });

  it('passes with more than ½ of the participants, not with exactly ½', () => {
    // 10 houses all voting: 5 for is exactly half and fails; 6 passes.
    expect(tallyVote('fee_change', YES_NO, houses(10), ballots(5, 5)).passedOption).toBeNull();
    expect(tallyVote('fee_change', YES_NO, houses(10), ballots(6, 4)).passedOption).toBe(0);
    // Abstentions take part: 5 for, 3 against, 2 abstain of 10 is exactly half.
    expect(tallyVote('fee_change', YES_NO, houses(10), ballots(5, 3, 2)).passedOption).toBeNull();
  });

  it('passes nothing when the majority is against: 反对 is not a decision', () => {
    const t = tallyVote('fee_change', YES_NO, houses(10), ballots(2, 8));
    expect(t.options[1]).toMatchObject({ heads: 8, passed: false });
    expect(t.passedOption).toBeNull();
    // Chosen alternatives (选聘: company A or B) are each a decision.
    expect(tallyVote('company', ['甲物业', '乙物业'], houses(10), ballots(2, 8)).passedOption).toBe(1);
  });

  it('needs more than ½ of the participating area too, not only the heads', () => {
    // 6 for with 100 m² each against 4 against with 150 m² each: 600 of 1200 m² is exactly half.
    const hs = houses(10).map((h) => (h.houseId > 6 ? { ...h, areaCenti: 15000 } : h));
    const t = tallyVote('fee_change', YES_NO, hs, ballots(6, 4));
    expect(t.options[0].heads).toBe(6);
    expect(t.options[0].areaCenti * 2).toBe(t.participatingAreaCenti);
    expect(t.passedOption).toBeNull();
  });

  it('needs at least ¾ for 278(6)–(8): exactly ¾ passes, just below does not', () => {
    for (const matter of ['fund_raise', 'rebuild', 'common_use'] as const) {
      const at = tallyVote(matter, YES_NO, houses(12), ballots(9, 3));
      expect(at.threshold).toBe('3/4');
      expect(at.passedOption).toBe(0);
      expect(tallyVote(matter, YES_NO, houses(12), ballots(8, 4)).passedOption).toBeNull();
    }
    // The same 8 of 12 passes a matter under the simple majority.
    expect(tallyVote('fund_use', YES_NO, houses(12), ballots(8, 4)).passedOption).toBe(0);
  });

  it('counts a person with several houses once for heads, with all their area (解释第9条)', () => {
    // Person "p" owns houses 1–3; 4 and 5 are others: 3 persons in all.
    const hs: TallyHouse[] = [1, 2, 3, 4, 5].map((id) => ({ houseId: id, areaCenti: 10000, personKey: id <= 3 ? 'p' : `u${id}` }));
    const t = tallyVote('fee_change', YES_NO, hs, [1, 2, 3].map((houseId) => ({ houseId, choice: 0 })));
    expect(t.totalHeads).toBe(3);
    expect(t.participatingHeads).toBe(1);
    expect(t.participatingAreaCenti).toBe(30000);
    expect(t.options[0]).toMatchObject({ heads: 1, areaCenti: 30000 });
    // 1 of 3 persons is below ⅔ of the heads, whatever the area.
    expect(t.quorum).toBe(false);
  });

  it('counts a person whose houses voted differently in participation, for no option', () => {
    const hs: TallyHouse[] = [1, 2, 3].map((id) => ({ houseId: id, areaCenti: 10000, personKey: id <= 2 ? 'p' : 'q' }));
    const t = tallyVote('fee_change', YES_NO, hs, [
      { houseId: 1, choice: 0 },
      { houseId: 2, choice: 1 },
      { houseId: 3, choice: 0 },
    ]);
    expect(t.participatingHeads).toBe(2);
    expect(t.options.map((o) => o.heads)).toEqual([1, 0, 0]);
    // 1 of 2 persons is exactly half: not passed.
    expect(t.passedOption).toBeNull();
  });

  it('ignores a second ballot for a house, a house not on the list and an option that does not exist', () => {
    const t = tallyVote('fee_change', YES_NO, houses(3), [
      { houseId: 1, choice: 0 },
      { houseId: 1, choice: 1 },
      { houseId: 99, choice: 0 },
      { houseId: 2, choice: 7 },
    ]);
    expect(t.ballots).toBe(1);
    expect(t.options[1].areaCenti).toBe(0);
  });

  it('stays exact with estate totals past 2^32', () => {
    // 3 houses whose areas sum past 2^32: exactly ⅔ must still count.
    const big = 3_000_000_001;
    const hs: TallyHouse[] = [
      { houseId: 1, areaCenti: big, personKey: 'a' },
      { houseId: 2, areaCenti: big, personKey: 'b' },
      { houseId: 3, areaCenti: big, personKey: 'c' },
    ];
    expect(tallyVote('fee_change', YES_NO, hs, ballots(2, 0)).quorum).toBe(true);
  });

  it('passes nothing in an estate without houses', () => {
    const t = tallyVote('fee_change', YES_NO, [], []);
    expect(t.quorum).toBe(false);
    expect(t.passedOption).toBeNull();
  });
});

describe('tallyAtClose: paper ballots count once the office confirmed them', () => {
  it('counts online and confirmed paper ballots, and reports the pending ones without counting them', () => {
    const t = tallyAtClose('fee_change', YES_NO, houses(3), [
      { houseId: 1, choice: 0, paper: false, paperState: null },
      { houseId: 2, choice: 0, paper: true, paperState: 'confirmed' },
      { houseId: 3, choice: 1, paper: true, paperState: 'pending' },
      { houseId: 3, choice: 0, paper: true, paperState: 'rejected' },
    ]);
    expect(t).toMatchObject({ ballots: 2, participatingHeads: 2, paperCounted: 1, paperUnconfirmed: 1, passedOption: 0 });
    expect(paperCountText(t)).toBe('计入纸质选票 1 张（经社区确认）；1 张截止时未经社区确认，未计入');
    expect(paperCountText({ paperCounted: 0, paperUnconfirmed: 0 })).toBe('计入纸质选票 0 张（经社区确认）');
  });
});

describe('voteOptionsProblem', () => {
  it('takes 2–10 options, none empty once trimmed, none twice', () => {
    expect(voteOptionsProblem(['甲物业', '乙物业'])).toBeNull();
    expect(voteOptionsProblem(['同意'])).toBe('选项须有 2–10 个');
    expect(voteOptionsProblem(Array.from({ length: 11 }, (_, i) => `选项${i}`))).toBe('选项须有 2–10 个');
    expect(voteOptionsProblem(['同意', '  '])).toBe('选项不能为空');
    expect(voteOptionsProblem(['同意', ' 同意 '])).toBe('选项不能重复');
    expect(voteOptionsProblem(['同意', '很'.repeat(51)])).toBe('每个选项不超过 50 个字');
  });
});
