import type { DisclosureLineView } from '@wuye/contracts';
import { totalRows } from '@wuye/contracts';
import { draftTotals, draftsToInput, emptyLine, lineToDraft, recentPeriods, type LineDraft } from './lines';

const line = (kind: string, amountYuan: string, fields: Record<string, string> = {}, item = '项目'): LineDraft => ({ ...emptyLine('public_income', kind), item, amountYuan, fields });

describe('line totals while the manager types', () => {
  it('public income: income, cost, net, used and the closing balance, in fen, without float drift', () => {
    const lines = [
      line('income', '0.10', { category: 'advertising', counterparty: '传媒公司' }),
      line('income', '0.20', { category: 'parking', counterparty: '车主' }),
      line('cost', '0.05'),
      line('use', '0.10', { usage: 'maintenance_fund' }),
    ];
    const totals = draftTotals('public_income', lines, 100);
    expect(totals).toEqual({ totalFen: 30, incomeFen: 30, costFen: 5, netFen: 25, usedFen: 10, openingBalanceFen: 100, closingBalanceFen: 115 });
    expect(totalRows('public_income', totals).map((r) => `${r.label} ${r.text}`)).toEqual([
      '收入合计 ¥0.30',
      '成本合计 ¥0.05',
      '净收益 ¥0.25',
      '已使用 ¥0.10',
      '期初余额 ¥1.00',
      '期末余额 ¥1.15',
    ]);
  });

  it('lines not yet filled in count as nothing, and a removed line leaves the total', () => {
    const lines = [line('income', '1200.50'), line('income', ''), line('income', 'abc')];
    expect(draftTotals('public_income', lines).incomeFen).toBe(120050);
    expect(draftTotals('public_income', lines.slice(1)).incomeFen).toBe(0);
  });

  it('fee collection: receivable, received (the amount) and the collection rate', () => {
    const lines = [
      { ...emptyLine('fee_collection'), item: '1栋', fields: { receivableFen: '1000.00', receivedFen: '900.00' } },
      { ...emptyLine('fee_collection'), item: '2栋', fields: { receivableFen: '1000', receivedFen: '850.5' } },
    ];
    const totals = draftTotals('fee_collection', lines);
    expect(totals).toMatchObject({ receivableFen: 200000, receivedFen: 175050, collectionRateBp: 8753 });
    expect(totalRows('fee_collection', totals).find((r) => r.key === 'collectionRateBp')?.text).toBe('87.53%');
  });
});

describe('draft lines → what the API takes', () => {
  it('sends amounts and money fields as fen, other fields as typed, vouchers by id', () => {
    const cost = { ...line('cost', '1234.56', {}, ' 停车收费人员成本 '), attachments: [{ id: 7, url: 'u', thumbnailUrl: 't', kind: 'image' as const }] };
    const income = line('income', '0.29', { category: 'advertising', counterparty: '清河传媒', contractNo: '' }, '电梯广告');
    const { lines, problems } = draftsToInput([income, cost]);
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { kind: 'income', item: '电梯广告', amountFen: 29, fields: { category: 'advertising', counterparty: '清河传媒' }, attachmentIds: [] },
      { kind: 'cost', item: '停车收费人员成本', amountFen: 123456, fields: {}, attachmentIds: [7] },
    ]);
  });

  it('names the line and the field to fix', () => {
    const { problems } = draftsToInput([line('income', '10', { category: 'advertising', counterparty: '甲' }), line('income', '1.999', { category: 'parking' }, '')]);
    expect(problems).toEqual([
      { line: 2, field: 'item', problem: '请填写项目名称' },
      { line: 2, field: 'amountFen', problem: '金额最多两位小数（到分）' },
      { line: 2, field: 'counterparty', problem: '合作方不能为空' },
    ]);
  });

  it('a saved line comes back into the editor as yuan text', () => {
    const saved: DisclosureLineView = {
      id: 3,
      seq: 1,
      kind: 'building',
      item: '1栋',
      amountFen: 90000,
      fields: { receivableFen: 100000, receivedFen: 90000 },
      attachmentIds: [],
      attachments: [],
      approved: false,
    };
    expect(lineToDraft(saved)).toMatchObject({ kind: 'building', item: '1栋', amountYuan: '900.00', fields: { receivableFen: '1000.00', receivedFen: '900.00' } });
    // Saved again, it names itself, so the API edits it in place (the committee's queries stay on it); a new line does not.
    const { lines } = draftsToInput([lineToDraft(saved), { ...emptyLine('fee_collection', 'building'), item: '2栋', fields: { receivableFen: '10', receivedFen: '5' } }]);
    expect(lines.map((l) => l.id)).toEqual([3, undefined]);
  });
});

describe('periods to pick', () => {
  const now = new Date('2026-11-28T20:00:00Z'); // 29 November in Shanghai
  it('offers months for shared costs and quarters for public income, newest first', () => {
    expect(recentPeriods('shared_cost', now, 3)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(recentPeriods('public_income', now)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']);
    expect(recentPeriods('public_income', new Date('2026-02-01T00:00:00Z'), 2)).toEqual(['2026-Q1', '2025-Q4']);
  });
});
