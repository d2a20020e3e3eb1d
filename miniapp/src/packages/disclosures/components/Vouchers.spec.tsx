import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '../../../../test/stubs/taro';
import Vouchers from './Vouchers';
import { settle } from '../../../../test/support/render';

const VOUCHERS = [
  { id: 1, url: '/f/1.jpg', thumbnailUrl: '/f/1_t.jpg', kind: 'image' as const },
  { id: 2, url: '/f/2.pdf', thumbnailUrl: null, kind: 'pdf' as const },
  { id: 3, url: '/f/3.jpg', thumbnailUrl: '/f/3_t.jpg', kind: 'image' as const },
];

// The mini-program has no origin of its own: links the API gives as paths are opened on the API's host.
beforeEach(() => {
  process.env.TARO_APP_API_BASE = 'https://wuye.example.cn';
});
afterEach(() => {
  delete process.env.TARO_APP_API_BASE;
});

describe('vouchers of a line (weapp)', () => {
  it('a photo opens full screen among the line’s photos', () => {
    const preview = jest.spyOn(Taro, 'previewImage');
    render(<Vouchers vouchers={VOUCHERS} />);
    const thumbs = document.querySelectorAll('.voucher-thumb');
    expect(thumbs).toHaveLength(2);
    expect(thumbs[0].getAttribute('src')).toBe('https://wuye.example.cn/f/1_t.jpg');
    fireEvent.click(thumbs[1]);
    expect(preview).toHaveBeenCalledWith({ current: 'https://wuye.example.cn/f/3.jpg', urls: ['https://wuye.example.cn/f/1.jpg', 'https://wuye.example.cn/f/3.jpg'] });
  });

  it('a PDF is downloaded and opened in WeChat’s document viewer', async () => {
    const download = jest.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/2.pdf' });
    const open = jest.spyOn(Taro, 'openDocument');
    render(<Vouchers vouchers={VOUCHERS} />);
    fireEvent.click(screen.getByText('PDF 凭证 2'));
    await settle();
    expect(download).toHaveBeenCalledWith({ url: 'https://wuye.example.cn/f/2.pdf' });
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/2.pdf', fileType: 'pdf', showMenu: true });
  });

  it('a PDF that cannot be fetched says so', async () => {
    jest.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode: 403, tempFilePath: '' });
    const toast = jest.spyOn(Taro, 'showToast');
    const open = jest.spyOn(Taro, 'openDocument');
    render(<Vouchers vouchers={VOUCHERS} />);
    fireEvent.click(screen.getByText('PDF 凭证 2'));
    await settle();
    expect(open).not.toHaveBeenCalled();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '凭证没能打开，请稍后重试' }));
  });
});
