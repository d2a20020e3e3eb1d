import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MeView } from '@wuye/contracts';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import TemplateEditor from './index';

const COUNTY: MeView = { id: 2, displayName: '王科长', phone: null, roles: [{ role: 'regulator', areaId: 1, scopeName: '清河县' }], houses: [], wechat: false };
const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector) as HTMLElement, { target: { value }, detail: { value } });

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('检查表', () => {
  it('says what is missing, then saves the items with their sections and weights for the regulator’s area', async () => {
    const server = fakeApi({ 'GET /api/v1/me': COUNTY, 'GET /api/v1/inspection-templates': [], 'POST /api/v1/inspection-templates': { id: 1 } });
    render(<TemplateEditor />);
    expect(await screen.findByText('还没有检查表')).toBeInTheDocument();
    await click('.insp-template-new');
    type('.insp-template-name', '季度检查表');
    await click('.insp-template-save');
    expect(screen.getByText('第 1 项还没有内容')).toBeInTheDocument();
    type('.insp-template-text', '消防通道畅通');
    fireEvent.click(screen.getByText('消防安全'));
    type('.insp-template-weight', '0');
    await click('.insp-template-save');
    expect(screen.getByText('第 1 项的权重应为 1–100 的整数')).toBeInTheDocument();
    type('.insp-template-weight', '10');
    await click('.insp-template-save');
    expect(server.to('POST /api/v1/inspection-templates')[0].data).toEqual({ areaId: 1, name: '季度检查表', items: [{ section: 'fire', text: '消防通道畅通', weight: 10 }] });
  });
});
