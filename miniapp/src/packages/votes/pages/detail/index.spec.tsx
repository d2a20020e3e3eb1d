import { act, fireEvent, render, screen } from '@testing-library/react';
import { tallyVote, type VoteView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import VotePage from './index';

const houses = [1, 2, 3].map((houseId) => ({ houseId, areaCenti: 10000, personKey: `u${houseId}` }));
const OPEN: VoteView = {
  id: 5,
  communityId: 1,
  matter: 'fee_change',
  title: '关于调整物业服务费标准的表决',
  state: 'open',
  endsAt: '2026-12-20T10:00:00.000Z',
  openedAt: '2026-12-06T02:00:00.000Z',
  closedAt: null,
  passedOption: null,
  text: '拟将住宅物业服务费调整为 2.10 元',
  options: ['同意', '反对', '弃权'],
  documents: [],
  note: null,
  turnout: { totalAreaCenti: 30000, totalHeads: 3, participatingAreaCenti: 10000, participatingHeads: 1, ballots: 1, houses: 3, paperPending: 0 },
  result: null,
  disclosureId: null,
  myHouses: [{ houseId: 2, house: '1栋1单元0201', ballot: null }],
  can: { submit: false, approve: false, reject: false, withdraw: false, close: false, edit: false, cast: true, enterPaper: false, readBallots: true },
};

const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '5' });
});

describe('业主表决', () => {
  it('shows an owner only the turnout while open, and casts the house’s ballot after confirmation', async () => {
    const server = fakeApi({ 'GET /api/v1/votes/5': OPEN, 'GET /api/v1/votes/5/ballots': [] });
    render(<VotePage />);
    expect(await screen.findByText('拟将住宅物业服务费调整为 2.10 元')).toBeInTheDocument();
    expect(screen.getByText('1 / 3 人（33.3%）')).toBeInTheDocument();
    expect(document.querySelector('.vote-result')).toBeNull();
    // Large options for the owner's house; a first tap only asks.
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    await click('.vote-option-0');
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '确认投「同意」' });
    expect(server.to('POST /api/v1/votes/5/ballots')).toHaveLength(0);
    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    server.set({
      'POST /api/v1/votes/5/ballots': { id: 1, houseId: 2, house: '1栋1单元0201', choice: 0, option: '同意', paper: false, photo: null, castAt: '2026-12-06T03:00:00.000Z' },
      'GET /api/v1/votes/5': { ...OPEN, myHouses: [{ houseId: 2, house: '1栋1单元0201', ballot: { choice: 0, option: '同意', castAt: '2026-12-06T03:00:00.000Z' } }], can: { ...OPEN.can, cast: false } },
    });
    await click('.vote-option-0');
    expect(server.to('POST /api/v1/votes/5/ballots')[0].data).toEqual({ houseId: 2, choice: 0 });
    expect(await screen.findByText('同意', { selector: '.vote-my-choice' })).toBeInTheDocument();
    expect(document.querySelector('.vote-option-0')).toBeNull();
  });

  it('shows the frozen result once closed, with its place in the estate’s disclosures', async () => {
    const result = tallyVote('fee_change', OPEN.options, houses, [
      { houseId: 1, choice: 0 },
      { houseId: 2, choice: 0 },
      { houseId: 3, choice: 1 },
    ]);
    fakeApi({
      'GET /api/v1/votes/5': { ...OPEN, state: 'closed', closedAt: '2026-12-20T10:00:00.000Z', passedOption: '同意', result, disclosureId: 40, can: { ...OPEN.can, cast: false } },
      'GET /api/v1/votes/5/ballots': [],
      'GET /api/v1/share-cards/vote/5': { kind: 'vote', id: 5, title: '锦绣花园 业主共同决定结果：调整物业费', communityId: 1, communityName: '锦绣花园', canOpen: true },
    });
    render(<VotePage />);
    expect(await screen.findByText('通过：同意')).toBeInTheDocument();
    expect(screen.getByText('2 人 · 200.00㎡')).toBeInTheDocument();
    expect(document.querySelector('.vote-turnout')).toBeNull();
    const go = jest.spyOn(Taro, 'navigateTo');
    await click('.vote-disclosure-link');
    expect(go).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/detail/index?id=40' });
  });

  it('offers the office 批准 and 退回, and 退回 needs a reason', async () => {
    const pending = { ...OPEN, state: 'pending' as const, openedAt: null, turnout: null, myHouses: [], can: { ...OPEN.can, cast: false, approve: true, reject: true, readBallots: true } };
    const server = fakeApi({ 'GET /api/v1/votes/5': pending });
    render(<VotePage />);
    await screen.findByText('批准开始投票');
    expect(document.querySelector('.vote-step-submit')).toBeNull();
    await click('.vote-step-reject');
    await click('.vote-reject-confirm');
    expect(screen.getByText('请写明退回的原因')).toBeInTheDocument();
    fireEvent.change(document.querySelector('.vote-reject-note') as HTMLElement, { target: { value: '请补充测算表' } });
    server.set({ 'POST /api/v1/votes/5/actions': { ...pending, state: 'draft', note: '请补充测算表', can: { ...pending.can, approve: false, reject: false } } });
    await click('.vote-reject-confirm');
    expect(server.to('POST /api/v1/votes/5/actions')[0].data).toEqual({ step: 'reject', note: '请补充测算表' });
    expect(await screen.findByText('社区退回：请补充测算表')).toBeInTheDocument();
  });

  describe('paper ballots', () => {
    const photo = { id: 77, url: 'https://files.example/77.jpg', thumbUrl: 'https://files.example/77-t.jpg' };
    const pendingPaper = { id: 9, houseId: 3, house: '1栋1单元0301', choice: 0, option: '同意', paper: true, paperState: 'pending' as const, note: null, photo, castAt: '2026-12-06T04:00:00.000Z', can: { confirm: true, reject: true } };
    const online = { id: 8, houseId: 1, house: '1栋1单元0101', choice: 1, option: '反对', paper: false, paperState: null, note: null, photo: null, castAt: '2026-12-06T03:00:00.000Z', can: { confirm: false, reject: false } };
    const asStaff = { ...OPEN, myHouses: [], turnout: { ...OPEN.turnout!, paperPending: 1 }, can: { ...OPEN.can, cast: false } };

    it('lists the office the paper ballots awaiting it, with the photo, and confirms or sends back with a reason', async () => {
      const server = fakeApi({ 'GET /api/v1/votes/5': asStaff, 'GET /api/v1/votes/5/ballots': [online, pendingPaper] });
      render(<VotePage />);
      expect(await screen.findByText('待社区确认的纸质选票（1）')).toBeInTheDocument();
      expect(screen.getByText('另有 1 张纸质选票待社区确认，确认后计入。')).toBeInTheDocument();
      const row = document.querySelector('.vote-paper-pending .vote-ballot') as HTMLElement;
      expect(row.textContent).toContain('1栋1单元0301');
      expect(row.querySelector('.vote-ballot-photo')).not.toBeNull();
      // 退回 first asks why, and sends nothing without a reason.
      await click('.vote-paper-pending .vote-ballot-reject');
      await click('.vote-paper-pending .vote-ballot-reject');
      expect(screen.getByText('请写明退回的原因')).toBeInTheDocument();
      expect(server.to('POST /api/v1/votes/5/ballots/9/actions')).toHaveLength(0);
      fireEvent.change(document.querySelector('.vote-ballot-reject-note') as HTMLElement, { target: { value: '照片看不清' } });
      server.set({
        'POST /api/v1/votes/5/ballots/9/actions': { ...pendingPaper, paperState: 'rejected', note: '照片看不清', can: { confirm: false, reject: false } },
        'GET /api/v1/votes/5/ballots': [online, { ...pendingPaper, paperState: 'rejected', note: '照片看不清', can: { confirm: false, reject: false } }],
        'GET /api/v1/votes/5': { ...asStaff, turnout: { ...asStaff.turnout, paperPending: 0 } },
      });
      await click('.vote-paper-pending .vote-ballot-reject');
      expect(server.to('POST /api/v1/votes/5/ballots/9/actions')[0].data).toEqual({ step: 'reject', note: '照片看不清' });
      expect(await screen.findByText('退回原因：照片看不清')).toBeInTheDocument();
      expect(document.querySelector('.vote-paper-pending')).toBeNull();
    });

    it('confirms a paper ballot with one tap', async () => {
      const server = fakeApi({ 'GET /api/v1/votes/5': asStaff, 'GET /api/v1/votes/5/ballots': [pendingPaper] });
      render(<VotePage />);
      await screen.findByText('待社区确认的纸质选票（1）');
      server.set({ 'POST /api/v1/votes/5/ballots/9/actions': { ...pendingPaper, paperState: 'confirmed', can: { confirm: false, reject: false } } });
      await click('.vote-ballot-confirm');
      expect(server.to('POST /api/v1/votes/5/ballots/9/actions')[0].data).toEqual({ step: 'confirm' });
    });

    it('shows the committee 待社区确认 on what it entered, without the office’s buttons', async () => {
      fakeApi({ 'GET /api/v1/votes/5': asStaff, 'GET /api/v1/votes/5/ballots': [{ ...pendingPaper, can: { confirm: false, reject: false } }] });
      render(<VotePage />);
      expect(await screen.findByText('待社区确认', { selector: '.vote-ballot-state' })).toBeInTheDocument();
      expect(document.querySelector('.vote-ballot-confirm')).toBeNull();
      expect(document.querySelector('.vote-ballot-reject')).toBeNull();
    });

    it('states in the result how many paper ballots were counted and how many were left unconfirmed', async () => {
      const result = { ...tallyVote('fee_change', OPEN.options, houses, [{ houseId: 1, choice: 0 }]), paperCounted: 1, paperUnconfirmed: 2 };
      fakeApi({ 'GET /api/v1/votes/5': { ...asStaff, state: 'closed', closedAt: '2026-12-20T10:00:00.000Z', result }, 'GET /api/v1/votes/5/ballots': [], 'GET /api/v1/share-cards/vote/5': { kind: 'vote', id: 5, title: 't', communityId: 1, communityName: '锦绣花园', canOpen: true } });
      render(<VotePage />);
      expect(await screen.findByText('计入纸质选票 1 张（经社区确认）；2 张截止时未经社区确认，未计入')).toBeInTheDocument();
    });
  });
});
