import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const platform = process.env.TARO_ENV ?? 'weapp';
// libs/contracts is TypeScript outside sourceRoot: its runtime values (label maps such as ROLE_LABELS) need the
// same Babel compile as src/, or webpack cannot parse them.
const contractsSource = path.resolve(__dirname, '../../libs/contracts/src');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wuyetong',
    date: '2025-11-28',
    // Styles are written in CSS px of a 375-wide phone: 16px means 16 CSS px there. weapp turns 1px into 2rpx
    // (deviceRatio 375 → 2), H5 into rem. 适老化: body text is 17px, nothing a resident reads is below 16px.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    // The API base URL reaches the code as process.env.TARO_APP_API_BASE. Taro itself reads TARO_APP_* only from
    // .env files (git-ignored here), so the shell's value is passed on too; a .env file still wins.
    // Empty means the per-platform default in src/services/http.ts.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    defineConstants: {},
    // Contracts are compiled from source: no build step for libs/contracts, and only what is imported ships.
    alias: {
      '@wuye/contracts': path.resolve(__dirname, '../../libs/contracts/src/index.ts'),
    },
    // The share card's image: a plain picture, so no screenshot of a page (with a room or a name on it) goes to a group.
    copy: { patterns: [{ from: 'src/assets/share-card.png', to: `dist/${platform}/assets/share-card.png` }], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [contractsSource] },
      // Modules used only by subpackages move out of the main package (webpack5 runner only).
      optimizeMainPackage: { enable: true },
      sassLoaderOption: { sassOptions: { silenceDeprecations: ['legacy-js-api'] } },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [contractsSource] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      sassLoaderOption: { sassOptions: { silenceDeprecations: ['legacy-js-api'] } },
      // The H5 app entry (React + Taro runtime + components) is ~320 KB minified; warn only past 400 KB.
      webpackChain(chain) {
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024);
      },
      postcss: {
        // The root font grows with the window as on a phone (20px at 375px) but stops at 24px: on a desktop browser
        // (community offices, regulators) pages keep a readable size instead of doubling.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
