declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5'
    /** Set by config/index.ts at build time: the local runtime's base URL for the H5 build. */
    CLOUD_API_BASE?: string
    CLOUD_ENV_ID?: string
  }
}
