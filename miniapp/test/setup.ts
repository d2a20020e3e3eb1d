import '@testing-library/jest-dom';
import { resetEchartsStub } from './stubs/echarts';
import { resetTaroStub } from './stubs/taro';

beforeEach(() => {
  resetTaroStub();
  resetEchartsStub();
});
