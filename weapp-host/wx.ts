import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { AppPackage } from './app-package'
import { wxApiSurface } from './api-surface'
import type { HostClock } from './clock'
import { compressImage, readImageInfo } from './images'

const USER_DATA_PATH = 'wxfile://usr'

/** The cloud the phone's wx.cloud reaches: the local runtime (`LocalCloud` fits). */
export interface CloudBackend {
  isFunction(name: string): boolean
  invoke(name: never, event: unknown, openid: string | null): Promise<unknown>
  storage: {
    /** An upload from the phone, as its WeChat identity (storage rule 仅创建者可读写: never over another's file). */
    uploadAs(openid: string, cloudPath: string, content: Uint8Array): Promise<{ fileId: string }>
    downloadFile(fileId: string): Promise<Uint8Array>
    getTempFileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]>
    /** The file behind a temporary URL's path and query, if its signature holds and it has not expired; throws otherwise. */
    resolveTempUrl(cloudPath: string, query: URLSearchParams): string
  }
}

/** The side of the phone the test controls through the host (see Phone). */
export interface PhoneHooks {
  readonly openid: string
  fail(error: Error): void
  work<T>(label: string, task: () => Promise<T>): Promise<T>
  cloudCallStarted(name: string, action: string): { name: string }
  cloudCallEnded(call: { name: string }, ok: boolean): void
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): void
  navigateBack(delta: number): void
  setTitle(title: string): void
  /** The route of the page on top of the stack, if any. */
  currentRoute(): string | null
  /** True only while a tap's handlers run (synchronously, as WeChat's user-gesture check sees it). */
  readonly inTap: boolean
  schedule(callback: () => void): void
  fromHost<T>(value: T): T
}

export interface Dialog {
  title: string
  content: string
  confirmText: string
  cancelText: string
  showCancel: boolean
}

/** A template's answer in the subscribe dialog: accepted, declined, or blocked by WeChat's back end. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban'

export interface RecordedCall {
  api: string
  options: Record<string, unknown>
}

/** A file a person picks (chooseMedia, chooseImage, chooseMessageFile). */
export interface PickedFile {
  name: string
  bytes: Uint8Array
}

type Options = Record<string, unknown> & {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

/**
 * What the phone shows and what the person does outside the page: dialogs, toasts, loading,
 * the camera, the photo album, the position; every call of a recorded API, in order.
 */
export class DeviceState {
  readonly calls: RecordedCall[] = []
  readonly toasts: string[] = []
  /** The tab bar's badges by tab index (setTabBarBadge / removeTabBarBadge). */
  readonly tabBadges = new Map<number, string>()
  loading: string | null = null
  private openDialog: { dialog: Dialog; answer: (confirm: boolean) => void } | null = null
  private readonly camera: string[] = []
  private readonly album: PickedFile[][] = []
  location: { latitude: number; longitude: number } | null = null
  chosenPlace: { name: string; address: string; latitude: number; longitude: number } | null = null
  /** What the person answers in the subscribe dialog for each template (requestSubscribeMessage); `subscribeAnswer` for the others. */
  readonly subscribeAnswers = new Map<string, SubscribeAnswer>()
  subscribeAnswer: SubscribeAnswer = 'accept'
  private readonly files = new Map<string, string>()
  private nextFile = 1

  constructor(private readonly tempDir: string) {}

  get dialog(): Dialog | null {
    return this.openDialog?.dialog ?? null
  }

  openModal(dialog: Dialog, answer: (confirm: boolean) => void): void {
    if (this.openDialog) throw new Error(`a dialog is already open (“${this.openDialog.dialog.content}”)`)
    this.openDialog = { dialog, answer }
  }

  /** The person taps 确定 (true) or 取消 (false) in the open dialog. */
  answerDialog(confirm: boolean): Dialog {
    const open = this.openDialog
    if (!open) throw new Error('no dialog is open')
    this.openDialog = null
    open.answer(confirm)
    return open.dialog
  }

  /** What the camera sees at the next wx.scanCode: the text a QR code decodes to. */
  pointCameraAt(text: string): void {
    this.camera.push(text)
  }

  takeScan(): string | undefined {
    return this.camera.shift()
  }

  /** What the person picks at the next chooseMedia / chooseImage / chooseMessageFile. */
  pickFiles(files: PickedFile[]): void {
    this.album.push(files)
  }

  takePicked(): PickedFile[] | undefined {
    return this.album.shift()
  }

  /** A temp file of the phone (wxfile://tmp_…), backed by a real file. */
  writeTempFile(name: string, bytes: Uint8Array): string {
    mkdirSync(this.tempDir, { recursive: true })
    const extension = path.extname(name) || '.bin'
    const virtual = `wxfile://tmp_${String(this.nextFile++).padStart(4, '0')}${extension}`
    const disk = path.join(this.tempDir, virtual.slice('wxfile://'.length))
    writeFileSync(disk, bytes)
    this.files.set(virtual, disk)
    return virtual
  }

  copyToTemp(diskPath: string): string {
    const virtual = this.writeTempFile(path.basename(diskPath), new Uint8Array())
    copyFileSync(diskPath, this.files.get(virtual)!)
    return virtual
  }

  /** A file the mini program keeps under wx.env.USER_DATA_PATH (named by the program, e.g. a download's filePath). */
  copyToUserFile(diskPath: string, virtual: string): string {
    if (!virtual.startsWith(`${USER_DATA_PATH}/`)) throw new Error(`a user file lives under ${USER_DATA_PATH}/, not ${virtual}`)
    mkdirSync(path.join(this.tempDir, 'usr'), { recursive: true })
    const disk = path.join(this.tempDir, 'usr', `${this.nextFile++}-${path.posix.basename(virtual)}`)
    copyFileSync(diskPath, disk)
    this.files.set(virtual, disk)
    return virtual
  }

  diskPathOf(virtual: string): string {
    const disk = this.files.get(virtual)
    if (!disk || !existsSync(disk)) throw new Error(`no such file: ${virtual}`)
    return disk
  }

  calledApis(api: string): RecordedCall[] {
    return this.calls.filter((call) => call.api === api)
  }

  dispose(): void {
    rmSync(this.tempDir, { recursive: true, force: true })
  }
}

const ok = (api: string) => `${api}:ok`

function tabIndexOf(app: AppPackage, index: unknown, onTabPage: boolean): number {
  if (!onTabPage) throw new Error('not TabBar page')
  const tabs = app.appJson.tabBar?.list.length ?? 0
  const at = Number(index)
  if (!Number.isInteger(at) || at < 0 || at >= tabs) throw new Error(`tabbar item not found (index ${String(index)} of ${tabs})`)
  return at
}

/** `wx` for one phone: every name of the real object; what the host does not implement fails the test with its name. */
export function createWx(options: { app: AppPackage; clock: HostClock; cloud: CloudBackend; tempDir: string; phone: PhoneHooks }): {
  wx: Record<string, unknown>
  device: DeviceState
} {
  const { app, cloud, phone } = options
  const device = new DeviceState(options.tempDir)
  const privateInfos = new Set((app.appJson as { requiredPrivateInfos?: string[] }).requiredPrivateInfos ?? [])
  const storage = new Map<string, string>()
  let cloudReady = false

  const notImplemented = (name: string) => () => {
    const error = new Error(`${name} is not implemented by the weapp host (the mini program called it)`)
    phone.fail(error)
    throw error
  }

  /**
   * A wx async API: answers through success/fail/complete on a later turn (a Promise when no
   * callback is given), with errMsg "<api>:ok" or "<api>:fail …"; `implementation` throws to fail.
   */
  const asyncApi = (api: string, implementation: (options: Options) => unknown | Promise<unknown>, recorded = true) => {
    return (raw: Options = {}) => {
      const given = raw ?? {}
      if (recorded) device.calls.push({ api, options: withoutCallbacks(given) })
      const hasCallback = ['success', 'fail', 'complete'].some((key) => typeof given[key] === 'function')
      const settle = new Promise<unknown>((resolve, reject) => {
        phone
          .work(`wx.${api}`, async () => implementation(given))
          .then(
            (result) => phone.schedule(() => {
              const answer = phone.fromHost({ errMsg: ok(api), ...(result as object) })
              given.success?.(answer)
              given.complete?.(answer)
              resolve(answer)
            }),
            (error: unknown) => phone.schedule(() => {
              const answer = phone.fromHost({ errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}` })
              given.fail?.(answer)
              given.complete?.(answer)
              reject(answer)
            }),
          )
      })
      if (hasCallback) {
        settle.catch(() => undefined)
        return undefined
      }
      return settle
    }
  }

  /** Answers once the person acts (a dialog): not work the host waits for. */
  const userApi = (api: string, open: (options: Options, answer: (result: Record<string, unknown>) => void) => void) => (raw: Options = {}) => {
    const given = raw ?? {}
    device.calls.push({ api, options: withoutCallbacks(given) })
    return new Promise((resolve) => {
      open(given, (result) => phone.schedule(() => {
        const answer = phone.fromHost({ errMsg: ok(api), ...result })
        given.success?.(answer)
        given.complete?.(answer)
        resolve(answer)
      }))
    })
  }

  const onTabPage = () => {
    const route = phone.currentRoute()
    return route !== null && app.isTabPage(route)
  }

  const readTemp = (virtual: unknown) => readFileSync(device.diskPathOf(String(virtual)))

  const navigation = (kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab') =>
    asyncApi(kind, ({ url }) => {
      try {
        if (typeof url !== 'string' || url === '') throw new Error('parameter.url should be String')
        phone.navigate(kind, url)
      } catch (error) {
        // A navigation that cannot happen is a bug of the mini program: the test fails with it.
        phone.fail(new Error(`wx.${kind}(${String(url)}) failed: ${(error as Error).message}`))
        throw error
      }
      return {}
    })

  const cloudApi = (api: string, implementation: (options: Options) => Promise<unknown>) =>
    asyncApi(`cloud.${api}`, async (given) => {
      if (!cloudReady) throw new Error('请先调用 wx.cloud.init() 完成初始化后再调用其他云 API')
      return implementation(given)
    }, false)

  const cloudObject: Record<string, unknown> = {}
  for (const name of wxApiSurface().cloud) cloudObject[name] = notImplemented(`wx.cloud.${name}`)
  Object.assign(cloudObject, {
    init(config: unknown = {}) {
      device.calls.push({ api: 'cloud.init', options: (config ?? {}) as Record<string, unknown> })
      cloudReady = true
    },
    callFunction: (raw: Options = {}) => {
      const name = String(raw.name ?? '')
      const event = raw.data ?? {}
      const action = String((event as { action?: unknown }).action ?? '')
      return cloudApi('callFunction', async () => {
        if (!cloud.isFunction(name)) throw new Error('-501000 | errMsg: FunctionName parameter could not be found.')
        // The event crosses the network as JSON, as it would to CloudBase.
        const wireEvent = JSON.parse(JSON.stringify(event)) as unknown
        const call = phone.cloudCallStarted(name, action)
        try {
          const result = await cloud.invoke(name as never, wireEvent, phone.openid)
          phone.cloudCallEnded(call, true)
          return { result: JSON.parse(JSON.stringify(result)) as unknown, requestID: `local-${name}-${action}` }
        } catch (error) {
          phone.cloudCallEnded(call, false)
          throw error
        }
      })(raw)
    },
    uploadFile: cloudApi('uploadFile', async ({ cloudPath, filePath }) => {
      if (typeof cloudPath !== 'string' || typeof filePath !== 'string') throw new Error('cloudPath and filePath must be strings')
      const { fileId } = await cloud.storage.uploadAs(phone.openid, cloudPath, readTemp(filePath))
      device.calls.push({ api: 'cloud.uploadFile', options: { cloudPath, filePath } })
      return { fileID: fileId, statusCode: 200 }
    }),
    getTempFileURL: cloudApi('getTempFileURL', async ({ fileList }) => {
      const ids = ((fileList as unknown[]) ?? []).map((item) => (typeof item === 'string' ? item : String((item as { fileID: unknown }).fileID)))
      const urls = await cloud.storage.getTempFileUrls(ids)
      return { fileList: urls.map(({ fileId, url }) => ({ fileID: fileId, tempFileURL: url, maxAge: 7200, status: 0, errMsg: 'ok' })) }
    }),
    downloadFile: cloudApi('downloadFile', async ({ fileID }) => {
      const bytes = await cloud.storage.downloadFile(String(fileID))
      return { tempFilePath: device.writeTempFile(path.posix.basename(String(fileID)), bytes), statusCode: 200 }
    }),
  })

  const wx: Record<string, unknown> = {}
  for (const name of wxApiSurface().wx) wx[name] = notImplemented(`wx.${name}`)
  Object.assign(wx, {
    cloud: cloudObject,
    env: { USER_DATA_PATH },
    // Navigation: the page changes on a later turn, as the native side answers.
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    reLaunch: navigation('reLaunch'),
    switchTab: navigation('switchTab'),
    navigateBack: asyncApi('navigateBack', ({ delta }) => {
      phone.navigateBack(Number(delta ?? 1))
      return {}
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', ({ title }) => {
      phone.setTitle(String(title ?? ''))
      return {}
    }),
    pageScrollTo: asyncApi('pageScrollTo', () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
    startPullDownRefresh: asyncApi('startPullDownRefresh', () => ({})),
    setKeepScreenOn: asyncApi('setKeepScreenOn', () => ({})),
    // The tab bar's badges: only in an app with a tab bar, while a tab page is on screen, as in WeChat.
    setTabBarBadge: asyncApi('setTabBarBadge', ({ index, text }) => {
      device.tabBadges.set(tabIndexOf(app, index, onTabPage()), String(text ?? ''))
      return {}
    }),
    removeTabBarBadge: asyncApi('removeTabBarBadge', ({ index }) => {
      device.tabBadges.delete(tabIndexOf(app, index, onTabPage()))
      return {}
    }),
    // What the phone shows over the page.
    showToast: asyncApi('showToast', ({ title }) => {
      device.toasts.push(String(title ?? ''))
      return {}
    }),
    hideToast: asyncApi('hideToast', () => ({})),
    showLoading: asyncApi('showLoading', ({ title }) => {
      device.loading = String(title ?? '')
      return {}
    }),
    hideLoading: asyncApi('hideLoading', () => {
      device.loading = null
      return {}
    }),
    showModal: userApi('showModal', (given, answer) => {
      device.openModal(
        {
          title: String(given.title ?? ''),
          content: String(given.content ?? ''),
          confirmText: String(given.confirmText ?? '确定'),
          cancelText: String(given.cancelText ?? '取消'),
          showCancel: given.showCancel !== false,
        },
        (confirm) => answer({ confirm, cancel: !confirm }),
      )
    }),
    previewImage: asyncApi('previewImage', () => ({})),
    // The camera, the album, files.
    scanCode: asyncApi('scanCode', () => {
      const seen = device.takeScan()
      if (seen === undefined) {
        const error = new Error('wx.scanCode was called but the test put nothing in front of the camera (phone.device.pointCameraAt)')
        phone.fail(error)
        throw error
      }
      return { result: seen, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: Buffer.from(seen).toString('base64') }
    }),
    chooseMedia: asyncApi('chooseMedia', () => {
      const files = takePicked('chooseMedia')
      return {
        type: 'image',
        tempFiles: files.map((file) => {
          const tempFilePath = device.writeTempFile(file.name, file.bytes)
          const info = readImageInfo(file.bytes)
          return { tempFilePath, size: file.bytes.length, fileType: 'image', width: info.width, height: info.height }
        }),
      }
    }),
    chooseImage: asyncApi('chooseImage', () => {
      const files = takePicked('chooseImage')
      const tempFiles = files.map((file) => ({ path: device.writeTempFile(file.name, file.bytes), size: file.bytes.length }))
      return { tempFilePaths: tempFiles.map((file) => file.path), tempFiles }
    }),
    chooseMessageFile: asyncApi('chooseMessageFile', () => {
      const files = takePicked('chooseMessageFile')
      return {
        tempFiles: files.map((file) => ({ path: device.writeTempFile(file.name, file.bytes), size: file.bytes.length, name: file.name, type: 'file', time: Math.floor(options.clock.nowMs() / 1000) })),
      }
    }),
    getImageInfo: asyncApi('getImageInfo', ({ src }) => {
      const info = readImageInfo(readTemp(src))
      return { width: info.width, height: info.height, type: info.type, path: String(src), orientation: 'up' }
    }),
    compressImage: asyncApi('compressImage', ({ src, quality, compressedWidth, compressedHeight }) => {
      const compressed = compressImage(readTemp(src), {
        quality: typeof quality === 'number' ? quality : 80,
        width: typeof compressedWidth === 'number' ? compressedWidth : undefined,
        height: typeof compressedHeight === 'number' ? compressedHeight : undefined,
      })
      return { tempFilePath: device.writeTempFile(`compressed.${compressed.type === 'png' ? 'png' : 'jpg'}`, compressed.bytes) }
    }),
    downloadFile: asyncApi('downloadFile', ({ url, filePath }) => {
      const match = /\/files\/([^?#]+)(\?[^#]*)?/.exec(String(url ?? ''))
      if (!match) throw new Error(`the host serves only files of the local runtime, not ${String(url)}`)
      let disk: string
      try {
        disk = cloud.storage.resolveTempUrl(decodeURIComponent(match[1]), new URLSearchParams(match[2] ?? ''))
      } catch {
        return { statusCode: 403, tempFilePath: '' }
      }
      if (!existsSync(disk)) return { statusCode: 404, tempFilePath: '' }
      // With filePath, WeChat stores the file there and answers filePath instead of a temp path.
      if (typeof filePath === 'string') return { statusCode: 200, filePath: device.copyToUserFile(disk, filePath) }
      return { statusCode: 200, tempFilePath: device.copyToTemp(disk) }
    }),
    openDocument: asyncApi('openDocument', ({ filePath }) => {
      const size = statSync(device.diskPathOf(String(filePath))).size
      if (size === 0) throw new Error('the document is empty')
      return {}
    }),
    // Position and messages: WeChat refuses the location APIs unless app.json declares them.
    getLocation: asyncApi('getLocation', () => {
      if (!privateInfos.has('getLocation')) throw new Error('getLocation 需要在 app.json 中声明 requiredPrivateInfos 字段')
      if (!device.location) throw new Error('auth deny')
      return { ...device.location, speed: 0, accuracy: 30, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 }
    }),
    chooseLocation: asyncApi('chooseLocation', () => {
      if (!privateInfos.has('chooseLocation')) throw new Error('chooseLocation 需要在 app.json 中声明 requiredPrivateInfos 字段')
      if (!device.chosenPlace) throw new Error('cancel')
      return device.chosenPlace
    }),
    // WeChat opens the subscribe dialog only from a tap (base library ≥ 2.8.2): a call after an await,
    // a timer or another dialog has lost the gesture and fails. At most 3 templates at once.
    requestSubscribeMessage: (raw: Options = {}) => {
      const fromTap = phone.inTap
      return asyncApi('requestSubscribeMessage', ({ tmplIds }) => {
        const ids = Array.isArray(tmplIds) ? tmplIds.map(String) : []
        if (ids.length === 0) throw new Error("TmplIds can't be empty")
        if (ids.length > 3) throw new Error('Templates count out of max bounds')
        if (!fromTap) throw new Error('can only be invoked by user TAP gesture.')
        return Object.fromEntries(ids.map((id) => [id, device.subscribeAnswers.get(id) ?? device.subscribeAnswer]))
      })(raw)
    },
    // Local key-value storage of the phone.
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
  })

  function takePicked(api: string): PickedFile[] {
    const picked = device.takePicked()
    if (!picked) {
      const error = new Error(`wx.${api} was called but the test picked no files (phone.device.pickFiles)`)
      phone.fail(error)
      throw error
    }
    return picked
  }

  return { wx, device }
}

function withoutCallbacks(options: Options): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) if (typeof value !== 'function') copy[key] = value
  return copy
}
