import { act, fireEvent, render, screen } from '@testing-library/react';
import { shanghaiDate, type MediationView } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import MediationPage from './index';

const OPEN: MediationView = {
  id: 3,
  communityId: 1,
  communityName: '锦绣花园',
  ticketId: 38,
  subject: '噪音扰民：楼上装修噪音',
  parties: [],
  partiesMasked: false,
  mediators: [],
  outcome: null,
  mediatedOn: null,
  note: null,
  agreement: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  can: { recordOutcome: true },
};

const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector) as HTMLElement, { target: { value }, detail: { value } });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '3' });
});

describe('调解记录', () => {
  it('records the outcome once: mediators and parties needed, 化解 needs the agreement; 未化解 goes without', async () => {
    const server = fakeApi({ 'GET /api/v1/mediations/3': OPEN });
    render(<MediationPage />);
    expect(await screen.findByText('噪音扰民：楼上装修噪音')).toBeInTheDocument();
    await click('.mt-outcome-submit');
    expect(screen.getByText('请填写调解员')).toBeInTheDocument();
    type('.mt-mediator-name', '李调解员');
    await click('.mt-outcome-submit');
    expect(screen.getByText('请填写当事人')).toBeInTheDocument();
    type('.mt-party-name', '张三');
    await click('.mt-outcome-submit');
    expect(screen.getByText('调解成功须上传调解协议书（PDF）')).toBeInTheDocument();
    expect(server.to('POST /api/v1/mediations/3/outcome')).toHaveLength(0);

    fireEvent.click(screen.getByText('未化解'));
    server.set({ 'POST /api/v1/mediations/3/outcome': { ...OPEN, outcome: 'unresolved', mediators: [{ role: 'mediator', name: '李调解员' }], parties: [{ name: '张三', standing: '业主' }], can: { recordOutcome: false } } });
    await click('.mt-outcome-submit');
    expect(server.to('POST /api/v1/mediations/3/outcome')[0].data).toEqual({
      outcome: 'unresolved',
      mediatedOn: shanghaiDate(),
      mediators: [{ role: 'mediator', name: '李调解员' }],
      parties: [{ name: '张三', standing: '业主' }],
      agreementUploadId: null,
    });
    expect(document.querySelector('.mt-outcome-form')).toBeNull();
    expect(document.querySelector('.mt-mediation-outcome')?.textContent).toBe('未化解');
  });

  it('shows others the parties as the API masks them, and no form', async () => {
    fakeApi({ 'GET /api/v1/mediations/3': { ...OPEN, parties: [{ name: '张**', standing: '业主' }], partiesMasked: true, can: { recordOutcome: false } } });
    render(<MediationPage />);
    expect(await screen.findByText('业主 张**')).toBeInTheDocument();
    expect(document.querySelector('.mt-outcome-form')).toBeNull();
  });
});
