import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { ChunkGraph, Module } from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'
import { START_PAGE } from './start-page'

const platform = process.env.TARO_ENV ?? 'weapp'

/**
 * The member's cold start runs app.js and every file it requires (runtime, taro, vendors, common), then
 * the home page. Our modules shared by main-package pages but not needed by the app or the home page go
 * into `later-common` instead of `common`: every other page requires it, so it runs when such a page
 * first opens, not at start-up (the budget in test/weapp/startup.weapp.test.ts).
 */
const LATER_COMMON = 'later-common'
const START_CHUNKS = new Set(['app', START_PAGE])
const SOURCE_DIR = `${process.cwd()}/src/`

function isLaterCommon(module: Module, { chunkGraph }: { chunkGraph: ChunkGraph }): boolean {
  const resource = (module as { resource?: string }).resource
  if (!resource?.startsWith(SOURCE_DIR)) return false
  const chunkNames = Array.from(chunkGraph.getModuleChunksIterable(module), (chunk) => chunk.name ?? '')
  return !chunkNames.some((name) => START_CHUNKS.has(name)) && chunkNames.some((name) => name.startsWith('pages/'))
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhibutong',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.CLOUD_ENV_ID': JSON.stringify(process.env.CLOUD_ENV_ID ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      webpackChain(chain) {
        chain.optimization.merge({
          splitChunks: { cacheGroups: { laterCommon: { name: LATER_COMMON, minChunks: 2, priority: 2, test: isLaterCommon } } },
        })
      },
      addChunkPages(pages, pageNames) {
        for (const page of pageNames ?? []) if (!START_CHUNKS.has(page)) pages.set(page, [LATER_COMMON])
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
