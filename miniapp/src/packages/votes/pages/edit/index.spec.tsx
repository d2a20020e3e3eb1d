import { act, fireEvent, render, screen } from '@testing-library/react';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import VoteEditor from './index';

const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });
const type = (el: Element, value: string) =>
  act(async () => {
    fireEvent.input(el, { target: { value }, detail: { value } });
    await flush();
  });
const optionInputs = () => [...document.querySelectorAll('.vote-option-input')];

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ communityId: '1' });
});

describe('起草表决: the options', () => {
  const fill = async () => {
    await type(document.querySelector('.vote-title-input') as Element, '关于选聘物业服务企业的表决');
    fireEvent.change(document.querySelector('.vote-text-input') as HTMLElement, { target: { value: '三家企业参加了选聘，请选择其一。' } });
    await flush();
  };

  it('starts from 同意 / 反对 / 弃权 and sends the chair’s own options, trimmed', async () => {
    const server = fakeApi({ 'POST /api/v1/votes': { id: 12 } });
    render(<VoteEditor />);
    await screen.findByText('＋ 添加选项');
    expect(optionInputs().map((i) => (i as HTMLInputElement).value)).toEqual(['同意', '反对', '弃权']);
    await fill();
    await type(optionInputs()[0], ' 甲物业公司 ');
    await type(optionInputs()[1], '乙物业公司');
    await type(optionInputs()[2], '丙物业公司');
    await click('.vote-option-add');
    await type(optionInputs()[3], '弃权');
    await click('.vote-save');
    expect(server.to('POST /api/v1/votes')[0].data).toMatchObject({ options: ['甲物业公司', '乙物业公司', '丙物业公司', '弃权'] });
  });

  it('refuses an empty or repeated option, and keeps at least two', async () => {
    const server = fakeApi({ 'POST /api/v1/votes': { id: 12 } });
    render(<VoteEditor />);
    await screen.findByText('＋ 添加选项');
    await fill();
    await type(optionInputs()[2], ' ');
    await click('.vote-save');
    expect(screen.getByText('选项不能为空')).toBeInTheDocument();
    await type(optionInputs()[2], '同意');
    await click('.vote-save');
    expect(screen.getByText('选项不能重复')).toBeInTheDocument();
    expect(server.to('POST /api/v1/votes')).toHaveLength(0);
    // Two left: no more removing.
    await click('.vote-option-remove');
    expect(optionInputs()).toHaveLength(2);
    expect(document.querySelector('.vote-option-remove')).toBeNull();
  });

  it('offers no more than ten options', async () => {
    fakeApi({});
    render(<VoteEditor />);
    await screen.findByText('＋ 添加选项');
    for (let i = 0; i < 7; i++) await click('.vote-option-add');
    expect(optionInputs()).toHaveLength(10);
    expect(document.querySelector('.vote-option-add')).toBeNull();
  });
});
