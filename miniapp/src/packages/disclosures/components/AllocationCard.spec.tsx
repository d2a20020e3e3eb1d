import { fireEvent, render, screen } from '@testing-library/react';
import AllocationCard from './AllocationCard';

const agreed = Array.from({ length: 25 }, (_, i) => ({ houseId: 100 + i, buildingId: 3, house: `3栋1单元${String(i + 1).padStart(2, '0')}01`, weight: i + 1 }));

describe('AllocationCard', () => {
  it('lists the agreed shares for the committee, the first twenty until asked for all', () => {
    render(<AllocationCard allocation={{ method: 'fixed', buildings: null, houses: 25, weightTotal: 325, agreed }} totalFen={32500} />);
    expect(document.querySelector('.allocation-unit .allocation-value')?.textContent).toBe('约 ¥1.00');
    expect(document.querySelectorAll('.allocation-agreed-row')).toHaveLength(20);
    fireEvent.click(screen.getByText('显示全部 25 户'));
    expect(document.querySelectorAll('.allocation-agreed-row')).toHaveLength(25);
    expect(document.querySelectorAll('.allocation-agreed-row')[24].textContent).toBe('3栋1单元2501' + '25 份');
    expect(screen.queryByText(/显示全部/)).toBeNull();
  });

  it('for a resident: totals only, no one’s house', () => {
    render(<AllocationCard allocation={{ method: 'fixed', buildings: null, houses: 25, weightTotal: 325 }} totalFen={32500} />);
    expect(document.querySelector('.allocation-agreed')).toBeNull();
    expect(screen.getByText('25 户')).toBeInTheDocument();
  });

  it('tells only the manager when one house pays alone', () => {
    const single = { method: 'household' as const, buildings: ['9栋'], houses: 1, weightTotal: 1 };
    const { unmount } = render(<AllocationCard allocation={single} totalFen={1000} />);
    expect(screen.queryByText(/只有 1 户分摊/)).toBeNull();
    unmount();
    render(<AllocationCard allocation={single} totalFen={1000} forManager />);
    expect(screen.getByText(/只有 1 户分摊/)).toBeInTheDocument();
  });

  it('warns when no house is in scope', () => {
    render(<AllocationCard allocation={{ method: 'area', buildings: ['9栋'], houses: 0, weightTotal: 0 }} totalFen={1000} />);
    expect(screen.getByText('分摊范围内没有房屋，提交前请另选楼栋或先导入房屋。')).toBeInTheDocument();
  });
});
