import { fireEvent, render } from '@testing-library/react';
import Taro from '../../../test/stubs/taro';
import PhotoGrid from './index';

afterEach(() => {
  delete process.env.TARO_APP_API_BASE;
});

describe('PhotoGrid', () => {
  it('loads photos the API links by path from the API’s host, and a store’s full links as they are', () => {
    process.env.TARO_APP_API_BASE = 'https://wuye.example.cn';
    const preview = jest.spyOn(Taro, 'previewImage');
    render(
      <PhotoGrid
        className="detail-report-photos"
        photos={[
          { id: 1, url: '/api/v1/files/a.jpg?sig=1', thumbnailUrl: '/api/v1/files/a_t.jpg?sig=1' },
          { id: 2, url: 'https://oss.example.cn/b.jpg', thumbnailUrl: 'https://oss.example.cn/b_t.jpg' },
        ]}
      />,
    );
    const items = document.querySelectorAll('.detail-report-photos .photo-grid-item');
    expect(Array.from(items).map((i) => i.getAttribute('src'))).toEqual(['https://wuye.example.cn/api/v1/files/a_t.jpg?sig=1', 'https://oss.example.cn/b_t.jpg']);
    fireEvent.click(items[1]);
    expect(preview).toHaveBeenCalledWith({ current: 'https://oss.example.cn/b.jpg', urls: ['https://wuye.example.cn/api/v1/files/a.jpg?sig=1', 'https://oss.example.cn/b.jpg'] });
  });

  it('shows nothing without photos', () => {
    const { container } = render(<PhotoGrid className="x" photos={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
