// babel-preset-taro compiles TS/TSX for the Taro webpack5 build (jest uses @swc/jest instead, see jest.config.js).
// hot: false — no react-refresh: the H5 build is served as static files, never through a hot dev server.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }]],
};
