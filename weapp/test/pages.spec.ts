/**
 * @jest-environment jsdom
 */
// The tab pages and each subpackage's entry page of the real weapp build (npm run build:weapp), compiled by WeChat's
// wcc and rendered under miniprogram-simulate, as the person each page is for sees them against a fake API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MeView } from '@wuye/contracts';
import { COMMITTEE, ENTRY_PAGES, MANAGER, OFFICE, REGULATOR, RESIDENT, STAFF, routesFor } from './support/fixtures';
import { buildDir, launch, pageOpener } from './support/miniprogram';

describe('the weapp build renders', () => {
  const app = launch(routesFor(RESIDENT));
  const openPage = pageOpener(app);
  const open = (path: string, me: MeView) => openPage(path, routesFor(me));

  it('首页: the county’s estates, and 随手拍 / 我的报事 for a resident', async () => {
    const home = open('pages/index/index', RESIDENT);

    await home.waitForText('阳光新城');
    expect(home.text()).toContain('锦绣花园 城关镇人民路1号 镇/社区 城关镇 · 南门社区 物业 清河万家物业服务有限公司');
    expect(home.text()).toContain('阳光新城 城关镇人民路2号 镇/社区 城关镇 · 南门社区 物业 暂无物业');
    await home.waitForText('随手拍');
    expect(home.text()).toContain('我的报事');
  });

  it('消息: the notifications with the unread count', async () => {
    const messages = open('pages/messages/index', RESIDENT);

    await messages.waitForText('您的报事有了处理结果');
    expect(messages.text()).toContain('1 条未读');
    expect(messages.text()).toContain('#7 电梯：已更换按钮面板');
  });

  it('我的: the resident with the masked phone and the bound house', async () => {
    const me = open('pages/me/index', RESIDENT);

    await me.waitForText('张阿姨');
    expect(me.text()).toContain('手机号 139****1234');
    expect(me.text()).toContain('居民 · 锦绣花园');
    expect(me.text()).toContain('锦绣花园 3栋1单元1201 已绑定 业主 · 申请于 2026-11-01');
  });

  it('我的报事 (tickets): the resident’s ticket with its state', async () => {
    const tickets = open('packages/tickets/pages/index/index', RESIDENT);

    await tickets.waitForText('3栋电梯按钮失灵，按了没反应');
    expect(tickets.text()).toContain('电梯 · 报修 待受理');
    expect(tickets.text()).toContain('位置： 3栋电梯 锦绣花园 · 2026-11-28 10:00');
  });

  it('小区公示 (disclosures): the board with the verified hash chain', async () => {
    const board = open('packages/disclosures/pages/index/index', RESIDENT);

    await board.waitForText('2026年第3季度公共收益');
    // The tamper check is a small badge; how it was checked (1 份公示, SHA-256) is behind 如何核验.
    expect(board.text()).toContain('✓ 未被篡改 如何核验');
    expect(board.text()).toContain('已公示');
  });

  it('物业工作台 (work): the manager’s entries with what waits', async () => {
    const work = open('packages/work/pages/index/index', MANAGER);

    await work.waitForText('3 待受理');
    expect(work.text()).toContain('项目经理 · 锦绣花园');
    expect(work.text()).toContain('工单收件箱 3 待受理 1 超时');
    expect(work.text()).toContain('绑定审核 2 待审核');
  });

  it('业委会 (review): the disclosure waiting for the committee', async () => {
    const review = open('packages/review/pages/index/index', COMMITTEE);

    await review.waitForText('2026年第4季度公共收益');
    expect(review.text()).toContain('锦绣花园 业委会');
    expect(review.text()).toContain('业委会审核中');
  });

  it('监管 (oversight): the town’s figures, written out under the charts', async () => {
    const stats = open('packages/oversight/pages/index/index', REGULATOR);

    await stats.waitForText('工单总数');
    expect(stats.text()).toContain('109 工单总数');
    expect(stats.text()).toContain('86.0% 按时响应率');
    expect(stats.text()).toContain('噪音扰民 45');
    expect(stats.text()).toContain('清河万家物业服务有限公司');
  });

  it('检查与整改 (inspections): the company’s 整改单, overdue ones marked', async () => {
    const orders = open('packages/inspections/pages/index/index', MANAGER);

    await orders.waitForText('消防通道畅通，无占用堵塞');
    expect(orders.text()).toContain('锦绣花园 · 消防安全 待整改 逾期');
    expect(orders.text()).toContain('整改期限 2026-12-05 18:00');
  });

  it('隐患排查 (patrols): today’s points, done and still to check', async () => {
    const patrols = open('packages/patrols/pages/index/index', STAFF);

    await patrols.waitForText('消防与设备日巡');
    expect(patrols.text()).toContain('地下消防通道 地下车库东侧 已巡检 · 正常');
    expect(patrols.text()).toContain('水泵房 地下二层 待巡检');
  });

  it('联席会议 (meetings): the office’s meeting with the item waiting for its check, and 记录联席会', async () => {
    const meetings = open('packages/meetings/pages/index/index', OFFICE);

    await meetings.waitForText('锦绣花园 · 四方联席会');
    expect(meetings.text()).toContain('记录联席会 统计');
    expect(meetings.text()).toContain('会议记录 逾期督办 矛盾调解 上报到镇');
    expect(meetings.text()).toContain('锦绣花园 · 四方联席会 2026-12-01 议定 1 项 已核验 0 待我处理');
  });

  it('业主表决 (votes): the open vote with its deadline, the closed one with its result', async () => {
    const votes = open('packages/votes/pages/index/index', RESIDENT);

    await votes.waitForText('使用维修资金更换3栋电梯');
    expect(votes.text()).toContain('使用维修资金更换3栋电梯 使用维修资金 截止 2026-12-20 18:00 投票中');
    expect(votes.text()).toContain('续聘清河万家物业 选聘/解聘物业 通过：同意续聘 已公布结果');
    // Only the committee chair drafts a vote.
    expect(votes.text()).not.toContain('起草表决事项');
  });

  it('小区公告 (announcements): the manager’s announcements with who read them, and 发布公告', async () => {
    const board = open('packages/announcements/pages/index/index', MANAGER);

    await board.waitForText('12月10日停水通知');
    expect(board.text()).toContain('发布公告');
    expect(board.text()).toContain('置顶 12月10日停水通知 物业服务中心 · 2026-12-05 发布 · 有效期至 2026-12-10 已读 37 人');
    expect(board.text()).toContain('已过期 国庆节安全提示');
  });

  it('满意度测评 (surveys): this year’s campaign with the resident’s house still to answer, last year’s closed', async () => {
    const surveys = open('packages/surveys/pages/index/index', RESIDENT);

    await surveys.waitForText('2026年度物业服务满意度测评');
    expect(surveys.text()).toContain('2026年度物业服务满意度测评 清河县 2026-12-01 至 2026-12-31 待作答 1 户 测评中');
    expect(surveys.text()).toContain('2025年度物业服务满意度测评 清河县 2025-12-01 至 2025-12-31 已结束');
    // Only a regulator launches a campaign.
    expect(surveys.text()).not.toContain('发起满意度测评');
  });

  it('账户 (account): its entry page', async () => {
    const account = open('packages/account/pages/index/index', RESIDENT);

    await account.waitForText('账户');
    expect(account.text()).toContain('此功能正在建设中');
  });
});

describe('the entry pages the smoke tests open (ENTRY_PAGES)', () => {
  it('are the tab pages and the first page of every subpackage of the build', () => {
    const appJson = JSON.parse(readFileSync(path.join(buildDir, 'app.json'), 'utf8')) as {
      tabBar: { list: Array<{ pagePath: string }> };
      subPackages: Array<{ root: string; pages: string[] }>;
    };
    const entries = [...appJson.tabBar.list.map((tab) => tab.pagePath), ...appJson.subPackages.map((sub) => `${sub.root}/${sub.pages[0]}`)];

    expect(appJson.subPackages.length).toBeGreaterThanOrEqual(11);
    expect(ENTRY_PAGES.map((entry) => entry.path).sort()).toEqual(entries.sort());
  });
});
