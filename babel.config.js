// babel-preset-taro compiles the app (TypeScript + React) for both weapp and h5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
