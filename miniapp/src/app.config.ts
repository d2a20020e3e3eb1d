// Only the three tab pages live in the main package; every area is a subpackage that is downloaded on first use
// (WeChat limits: main package ≤ 2 MB; our budget is 600 KB, checked by npm run check:weapp).
const AREAS = ['tickets', 'disclosures', 'work', 'review', 'oversight', 'account', 'inspections', 'patrols', 'meetings', 'votes', 'announcements', 'surveys'] as const;
/** Pages of an area besides its entry page (pages/index/index). */
const MORE_PAGES: Partial<Record<(typeof AREAS)[number], string[]>> = {
  account: ['pages/signin/index', 'pages/bind/index', 'pages/invite/index', 'pages/privacy/index'],
  work: ['pages/bindings/index', 'pages/invite/index', 'pages/tickets/index', 'pages/ticket/index', 'pages/stats/index', 'pages/categories/index', 'pages/conflicts/index', 'pages/proxy/index', 'pages/visits/index'],
  disclosures: ['pages/detail/index', 'pages/manage/index', 'pages/edit/index'],
  review: ['pages/detail/index'],
  tickets: ['pages/report/index', 'pages/detail/index'],
  meetings: ['pages/form/index', 'pages/meeting/index', 'pages/summary/index', 'pages/stats/index', 'pages/mediation/index', 'pages/liaisons/index'],
  inspections: ['pages/form/index', 'pages/order/index', 'pages/inspection/index', 'pages/summary/index', 'pages/templates/index', 'pages/stats/index'],
  patrols: ['pages/check/index', 'pages/points/index', 'pages/hazards/index'],
  votes: ['pages/edit/index', 'pages/detail/index'],
  announcements: ['pages/detail/index', 'pages/post/index'],
  surveys: ['pages/form/index', 'pages/answer/index', 'pages/results/index'],
  oversight: ['pages/community/index', 'pages/ticket/index', 'pages/escalations/index', 'pages/rating/index', 'pages/credit/index', 'pages/estate/index', 'pages/committee/index'],
};

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: AREAS.map((area) => ({ root: `packages/${area}`, name: area, pages: ['pages/index/index', ...(MORE_PAGES[area] ?? [])] })),
  // Fetch what a resident most likely opens next while they look at the tab.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['tickets', 'disclosures'] },
    'pages/me/index': { network: 'all', packages: ['account'] },
  },
  window: {
    navigationBarTitleText: '物业通',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#0b6bcb',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/messages/index', text: '消息' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // Reporting a problem may attach a place picked on the map. Only the location APIs the code calls: each one
  // declared here needs its own approval in the admin console.
  requiredPrivateInfos: ['chooseLocation'],
  __usePrivacyCheck__: true,
});
