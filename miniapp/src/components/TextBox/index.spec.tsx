import { fireEvent, render } from '@testing-library/react';
import TextBox from './index';

describe('TextBox', () => {
  it('keeps at most `max` characters, even of pasted text', () => {
    const onChange = jest.fn();
    const { container } = render(<TextBox className="reason" value="" max={5} placeholder="原因" onChange={onChange} />);
    const box = container.querySelector('textarea.textarea.reason') as HTMLTextAreaElement;
    expect(box.placeholder).toBe('原因');
    expect(box.maxLength).toBe(5);
    fireEvent.change(box, { target: { value: '电梯按钮失灵了' } });
    expect(onChange).toHaveBeenLastCalledWith('电梯按钮失');
    fireEvent.change(box, { target: { value: '漏水' } });
    expect(onChange).toHaveBeenLastCalledWith('漏水');
  });
});
