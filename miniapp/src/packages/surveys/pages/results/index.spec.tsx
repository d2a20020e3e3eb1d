import { render, screen } from '@testing-library/react';
import type { SurveyView } from '@wuye/contracts';
import { SURVEY } from '../../../../../test/support/surveys';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import SurveyResults from './index';

const sections = (average: number | null) => [
  { section: 'management' as const, label: '综合管理', average },
  { section: 'cleaning' as const, label: '保洁', average: average === null ? null : average - 1 },
];
const WITH_RESULTS: SurveyView = {
  ...SURVEY,
  results: [
    { communityId: 1, communityName: '锦绣花园', answers: 12, enough: true, average: 4.25, sections: sections(4.5) },
    { communityId: 2, communityName: '阳光新城', answers: 4, enough: false, average: null, sections: sections(null) },
  ],
};

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('满意度测评 结果', () => {
  it('shows averages per section at or above the minimum, and below it only the count and 样本不足', async () => {
    setRouterParams({ id: '3' });
    fakeApi({ 'GET /api/v1/surveys/3': WITH_RESULTS });
    render(<SurveyResults />);
    const enough = (await screen.findByText('锦绣花园')).closest('.sv-result') as HTMLElement;
    expect(enough.textContent).toContain('4.25 分');
    expect(enough.querySelector('.sv-result-cleaning')?.textContent).toContain('3.50');
    const few = screen.getByText('阳光新城').closest('.sv-result') as HTMLElement;
    expect(few.textContent).toContain('4 户作答');
    expect(few.textContent).toContain('样本不足');
    expect(few.querySelector('.sv-average')).toBeNull();
    expect(few.querySelector('.sv-result-section')).toBeNull();
  });

  it('opened for one estate it shows that estate only', async () => {
    setRouterParams({ id: '3', communityId: '2' });
    fakeApi({ 'GET /api/v1/surveys/3': WITH_RESULTS });
    render(<SurveyResults />);
    expect(await screen.findByText('阳光新城')).toBeInTheDocument();
    expect(screen.queryByText('锦绣花园')).toBeNull();
  });
});
