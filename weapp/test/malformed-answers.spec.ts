/**
 * @jest-environment jsdom
 */
// A 200 answer that is not what the page asked for (a captive portal's JSON, a proxy, another API version): no page
// of the weapp build may throw or go blank; each says what went wrong, with 重试.
import { ENTRY_PAGES, MALFORMED, MANAGER, TOKENS } from './support/fixtures';
import { launch, pageOpener } from './support/miniprogram';

const byPath = (path: string) => ENTRY_PAGES.find((entry) => entry.path === path) as (typeof ENTRY_PAGES)[number];
// The account subpackage's entry page loads nothing yet: there is no answer to get wrong.
const SIGNED_IN_PAGES = ENTRY_PAGES.filter((entry) => !entry.path.startsWith('packages/account/'));
// Pages that load more than the user, each with an error state for it.
const DATA_PAGES = [
  'pages/index/index',
  'pages/messages/index',
  'packages/tickets/pages/index/index',
  'packages/disclosures/pages/index/index',
  'packages/review/pages/index/index',
  'packages/oversight/pages/index/index',
  'packages/inspections/pages/index/index',
  'packages/patrols/pages/index/index',
  'packages/meetings/pages/index/index',
  'packages/votes/pages/index/index',
  'packages/announcements/pages/index/index',
  'packages/surveys/pages/index/index',
].map(byPath);

describe('a malformed answer', () => {
  const open = pageOpener(launch({ 'POST /api/v1/auth/wechat': TOKENS }));

  it.each(SIGNED_IN_PAGES)('to GET /me ({}) on $title shows the error with 重试', async ({ path }) => {
    const view = open(path, { 'POST /api/v1/auth/wechat': TOKENS, '*': {} });

    await view.waitForText(MALFORMED);
    expect(view.text()).toContain('重试');
  });

  it.each(DATA_PAGES)('to the data of $title ({}) shows the error with 重试', async ({ path, me }) => {
    const view = open(path, { 'POST /api/v1/auth/wechat': TOKENS, 'GET /api/v1/me': me, '*': {} });

    await view.waitForText(MALFORMED);
    expect(view.text()).toContain('重试');
  });

  it('to the workload ({}) leaves the workbench’s entries without counts (counts are optional there)', async () => {
    const view = open('packages/work/pages/index/index', { 'POST /api/v1/auth/wechat': TOKENS, 'GET /api/v1/me': MANAGER, '*': {} });

    await view.waitForText('工单收件箱');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.text()).toContain('绑定审核 审核锦绣花园居民的房屋绑定申请');
    expect(view.text()).not.toContain('待受理');
  });
});
