import Taro from '../../test/stubs/taro';
import { placeHomeLink } from './landing';

const link = () => document.querySelector('.h5-home-link') as HTMLButtonElement | null;

describe('H5 opened from a link', () => {
  afterEach(() => link()?.remove());

  it('offers 首页 on a page with nothing to go back to, and takes the reader home', () => {
    const reLaunch = jest.spyOn(Taro, 'reLaunch');
    placeHomeLink([{ route: 'packages/oversight/pages/estate/index' }]);
    expect(link()?.textContent).toBe('‹ 首页');
    link()?.click();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('offers nothing once there is a page to go back to, nor on a tab', () => {
    placeHomeLink([{ route: 'packages/oversight/pages/estate/index' }]);
    placeHomeLink([{ route: 'pages/me/index' }, { route: 'packages/oversight/pages/estate/index' }]);
    expect(link()).toBeNull();
    placeHomeLink([{ route: '/pages/messages/index' }]);
    expect(link()).toBeNull();
  });
});
