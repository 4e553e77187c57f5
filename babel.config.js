// babel-preset-taro compiles the app (TypeScript + React) for both weapp and h5.
// weapp: the bundle already needs an ES2020 engine (zod ships `??` and `?.` untranspiled), so
// the app's own code is compiled for the same engines instead of down to ES5 (smaller, no regenerator).
const WEAPP_TARGETS = { ios: '13.4', chrome: '80' }

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS } : {}) }]],
}
