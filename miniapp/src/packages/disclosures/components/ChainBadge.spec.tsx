import { fireEvent, render, screen } from '@testing-library/react';
import type { ChainEntry } from '@wuye/contracts';
import { ApiError } from '../../../services/http';
import { getChain, verifyChain } from '../../../services/disclosures';
import ChainBadge from './ChainBadge';

jest.mock('../../../services/disclosures');
const verifyMock = jest.mocked(verifyChain);
const chainMock = jest.mocked(getChain);

const entry = (id: number, seq: number, hash: string, prevHash: string | null, over: Partial<ChainEntry> = {}): ChainEntry => ({
  id,
  seq,
  type: 'public_income',
  period: '2026-Q3',
  version: 1,
  publishedAt: '2026-10-11T02:00:00.000Z',
  hash,
  prevHash,
  ...over,
});

const CHAIN = [
  entry(10, 1, 'a'.repeat(64), null, { type: 'shared_cost', period: '2026-09' }),
  entry(12, 2, 'b'.repeat(64), 'a'.repeat(64)),
  entry(15, 3, 'c'.repeat(64), 'b'.repeat(64), { type: 'maintenance_expense' }),
];

describe('防篡改 badge', () => {
  it('valid: a small 未被篡改 badge; 如何核验 shows SHA-256, each version’s hash prefix and the previous hash', async () => {
    verifyMock.mockResolvedValue({ valid: true, checked: 3 });
    chainMock.mockResolvedValue(CHAIN);

    render(<ChainBadge communityId={1} focusId={12} />);

    expect(await screen.findByText('✓ 未被篡改')).toBeInTheDocument();
    expect(screen.queryByText(/校验未通过/)).not.toBeInTheDocument();
    expect(document.querySelector('.chain-entry')).toBeNull();
    expect(document.body.textContent).not.toMatch(/SHA-256/);

    fireEvent.click(screen.getByText('如何核验'));
    expect(screen.getByText(/SHA-256.*已校验 3 份公示/)).toBeInTheDocument();
    const entries = Array.from(document.querySelectorAll('.chain-entry'));
    expect(entries).toHaveLength(3);
    expect(entries[0].textContent).toContain('#1 公摊费用 2026年9月 第 1 版');
    expect(entries[0].querySelector('.chain-prev')?.textContent).toBe('上一份 （链首）');
    expect(entries[1].querySelector('.chain-hash')?.textContent).toBe(`哈希 ${'b'.repeat(12)}…`);
    expect(entries[1].querySelector('.chain-prev')?.textContent).toBe(`上一份 ${'a'.repeat(12)}…`);
    expect(entries[1]).toHaveClass('chain-entry-focus');
    expect(verifyMock).toHaveBeenCalledWith(1);
  });

  it('broken: warns and names the version where the chain breaks, never says 未被篡改', async () => {
    verifyMock.mockResolvedValue({ valid: false, checked: 2, brokenAt: { id: 12, seq: 2, reason: 'content_changed' } });
    chainMock.mockResolvedValue(CHAIN);

    render(<ChainBadge communityId={1} />);

    expect(await screen.findByText('⚠ 校验未通过')).toBeInTheDocument();
    expect(screen.getByText(/第 2 份公示（公共收益 2026年第3季度 第 1 版）内容与签发时的哈希不一致/)).toBeInTheDocument();
    expect(screen.queryByText(/未被篡改/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('如何核验'));
    expect(document.querySelector('.chain-entry-broken')?.textContent).toContain('#2 公共收益');
  });

  it('a broken link between versions is named as such', async () => {
    verifyMock.mockResolvedValue({ valid: false, checked: 3, brokenAt: { id: 15, seq: 3, reason: 'chain_broken' } });
    chainMock.mockResolvedValue(CHAIN);
    render(<ChainBadge communityId={1} />);
    expect(await screen.findByText(/第 3 份公示（维保支出 2026年第3季度 第 1 版）与上一份公示的哈希衔接断开/)).toBeInTheDocument();
  });

  it('a failed check says so with the API message and can be run again', async () => {
    verifyMock.mockRejectedValueOnce(new ApiError({ statusCode: 503, code: 'HTTP_503', message: '服务暂时不可用，请稍后重试' }));
    chainMock.mockResolvedValue(CHAIN);
    render(<ChainBadge communityId={1} />);
    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
    expect(screen.queryByText(/未被篡改/)).not.toBeInTheDocument();

    verifyMock.mockResolvedValue({ valid: true, checked: 3 });
    fireEvent.click(screen.getByText('重新校验'));
    expect(await screen.findByText('✓ 未被篡改')).toBeInTheDocument();
  });
});
