import type { UserConfigExport } from '@tarojs/cli';

export default {
  // Plain progress lines instead of a redrawn bar: builds mostly run in CI logs.
  logger: { quiet: true, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
