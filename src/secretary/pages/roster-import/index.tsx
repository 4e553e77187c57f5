import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { go } from '../../../components/navigation'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { confirm } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import type { ImportPreview } from '../../../domain/contracts'
import { ROSTER_TEMPLATE_HEADER } from '../../../domain/roster-import'
import { ServiceError } from '../../../services/cloud'
import { importCloudPath, pickSpreadsheet, uploadFile } from '../../../services/files'
import { confirmImport, fetchMe, openRosterTemplate, previewImport } from '../../../services/members'
import { fetchOrgTree } from '../../../services/org'
import '../../../components/people.css'
import { PAGES } from '../../../routes'

interface Target {
  branches: { id: string; name: string }[]
}

/** Branches whose roster the caller may import: their own (as secretary) and those under what they administer. */
async function loadTargets(): Promise<Target> {
  const [me, tree] = await Promise.all([fetchMe(), fetchOrgTree()])
  if (me.state !== 'bound') throw new ServiceError('NOT_BOUND', '请先绑定党员身份')
  const branches = tree.orgs.filter(
    (org) => org.kind === 'branch' && (org.canManageCommittee || (org.id === me.branch.id && me.member.roles.includes('secretary'))),
  )
  return { branches: branches.map((org) => ({ id: org.id, name: org.name })) }
}

type Step =
  | { kind: 'idle' }
  | { kind: 'working'; text: string }
  | { kind: 'preview'; fileId: string; fileName: string; preview: ImportPreview }
  | { kind: 'done'; created: number; updated: number; unchanged: number; warnings: string[] }

/** 导入花名册: pick a .xlsx/.csv, see every row error before anything is written, then confirm. */
export default function RosterImportPage() {
  const { params } = useRouter()
  const targets = useRemote(loadTargets)
  const [chosen, setChosen] = useState<string | null>(params.branchId ?? null)
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [problem, setProblem] = useState<string | null>(null)
  const [downloading, setDownloading] = useState(false)

  const fail = useCallback((error: unknown) => {
    setStep({ kind: 'idle' })
    setProblem(error instanceof ServiceError ? error.message : '操作失败，请稍后重试')
  }, [])

  if (targets.status === 'loading') return <LoadingView />
  if (targets.status === 'error') return <ErrorView error={targets.error} onRetry={targets.reload} />
  const { branches } = targets.data
  if (branches.length === 0) {
    return <ErrorView error={new ServiceError('FORBIDDEN', '只有支部书记或上级党组织管理员可以导入花名册')} />
  }
  const branch = branches.find((item) => item.id === chosen) ?? branches[0]

  const pickAndPreview = async () => {
    setProblem(null)
    try {
      const picked = await pickSpreadsheet()
      if (!picked) return
      setStep({ kind: 'working', text: '正在上传…' })
      const fileId = await uploadFile(importCloudPath(branch.id, picked.name), picked)
      setStep({ kind: 'working', text: '正在检查每一行…' })
      const preview = await previewImport(branch.id, fileId)
      setStep({ kind: 'preview', fileId, fileName: picked.name, preview })
    } catch (error) {
      fail(error)
    }
  }
  const downloadTemplate = async () => {
    setProblem(null)
    setDownloading(true)
    try {
      await openRosterTemplate(branch.id)
    } catch (error) {
      setProblem(error instanceof ServiceError ? error.message : '模板下载失败，请稍后重试')
    } finally {
      setDownloading(false)
    }
  }
  const write = async (fileId: string, preview: ImportPreview) => {
    const ok = await confirm({
      title: '确认导入',
      content: `将新增 ${preview.created} 人、更新 ${preview.updated} 人（${preview.unchanged} 人无变化）到「${branch.name}」。确定导入吗？`,
      confirmText: '导入',
    })
    if (!ok) return
    setStep({ kind: 'working', text: '正在导入…' })
    try {
      const result = await confirmImport(branch.id, fileId)
      setStep({ kind: 'done', ...result })
      Taro.showToast({ title: '导入完成', icon: 'success' })
    } catch (error) {
      fail(error)
    }
  }

  return (
    <View className='ppl-page'>
      <View className='ppl-card'>
        <Text className='ppl-label'>导入到</Text>
        <Text className='ppl-title'>{branch.name}</Text>
        {branches.length > 1 && step.kind === 'idle' && (
          <View className='ppl-chips'>
            {branches.map((item) => (
              <Text
                key={item.id}
                className={`ppl-chip ${item.id === branch.id ? 'ppl-chip--active' : ''}`}
                onClick={() => setChosen(item.id)}
              >
                {item.name}
              </Text>
            ))}
          </View>
        )}
        <Text className='ppl-meta'>支持 .xlsx 和 .csv，第一行为表头：{ROSTER_TEMPLATE_HEADER.join('、')}。</Text>
        <Text className='ppl-meta'>按学号/工号更新已有党员，不会重复创建；文件中没有的党员保持不变。</Text>
        <AppButton small className='ppl-gap' loading={downloading} disabled={step.kind === 'working'} onClick={downloadTemplate}>
          下载花名册模板（含填写说明）
        </AppButton>
        {process.env.TARO_ENV === 'weapp' && <Text className='ppl-meta'>请先把花名册文件发到微信聊天中，再从聊天记录选择。</Text>}
        {problem && (
          <View role='alert'>
            <Text className='ppl-error'>{problem}</Text>
          </View>
        )}
        <AppButton kind='primary' className='ppl-gap' loading={step.kind === 'working'} onClick={pickAndPreview}>
          {step.kind === 'working' ? step.text : step.kind === 'idle' ? '选择花名册文件' : '重新选择文件'}
        </AppButton>
      </View>

      {step.kind === 'preview' && (
        <>
          <View className='ppl-card'>
            <Text className='ppl-label'>预览：{step.fileName}（共 {step.preview.rowCount} 行）</Text>
            <View className='ppl-stats'>
              <View className='ppl-stat'>
                <Text className='ppl-stat__value'>{step.preview.created}</Text>
                <Text className='ppl-meta'>新增</Text>
              </View>
              <View className='ppl-stat'>
                <Text className='ppl-stat__value'>{step.preview.updated}</Text>
                <Text className='ppl-meta'>更新</Text>
              </View>
              <View className='ppl-stat'>
                <Text className='ppl-stat__value'>{step.preview.unchanged}</Text>
                <Text className='ppl-meta'>无变化</Text>
              </View>
              <View className='ppl-stat'>
                <Text className={`ppl-stat__value ${step.preview.errorCount > 0 ? 'ppl-stat__value--bad' : ''}`}>
                  {step.preview.errorCount}
                </Text>
                <Text className='ppl-meta'>错误行</Text>
              </View>
            </View>
            {step.preview.warnings.map((warning) => (
              <Text key={warning} className='ppl-meta'>
                提示：{warning}
              </Text>
            ))}
            {step.preview.warningCount > step.preview.warnings.length && (
              <Text className='ppl-meta'>
                共 {step.preview.warningCount} 条提示，仅显示前 {step.preview.warnings.length} 条
              </Text>
            )}
          </View>
          {step.preview.errorCount > 0 && (
            <View className='ppl-card' role='alert'>
              <Text className='ppl-label'>请修改以下行后重新选择文件（有错误时不会写入任何数据）</Text>
              {step.preview.errors.map((error) => (
                <Text key={error.row} className='ppl-error'>
                  第 {error.row} 行：{error.message}
                </Text>
              ))}
              {step.preview.errorCount > step.preview.errors.length && (
                <Text className='ppl-meta'>
                  共 {step.preview.errorCount} 行错误，仅显示前 {step.preview.errors.length} 行
                </Text>
              )}
            </View>
          )}
          {step.preview.changes.length > 0 && (
            <View className='ppl-card'>
              <Text className='ppl-label'>将要写入（前 {step.preview.changes.length} 条）</Text>
              {step.preview.changes.map((change) => (
                <Text key={change.row} className='ppl-meta'>
                  第 {change.row} 行 · {change.kind === 'create' ? '新增' : '更新'} · {change.name}（{change.number}）
                </Text>
              ))}
            </View>
          )}
          <View className='ppl-card'>
            <AppButton
              kind='primary'
              disabled={step.preview.errorCount > 0 || step.preview.created + step.preview.updated === 0}
              onClick={() => write(step.fileId, step.preview)}
            >
              {step.preview.errorCount > 0
                ? '有错误，无法导入'
                : step.preview.created + step.preview.updated === 0
                  ? '没有需要写入的变化'
                  : '确认导入'}
            </AppButton>
          </View>
        </>
      )}

      {step.kind === 'done' && (
        <View className='ppl-card'>
          <Text className='ppl-title'>导入完成</Text>
          <Text className='ppl-meta'>
            新增 {step.created} 人 · 更新 {step.updated} 人 · 无变化 {step.unchanged} 人
          </Text>
          {step.warnings.map((warning) => (
            <Text key={warning} className='ppl-meta'>
              提示：{warning}
            </Text>
          ))}
          <AppButton className='ppl-gap' onClick={() => go(`${PAGES.members}?branchId=${branch.id}`)}>
            查看支部成员
          </AppButton>
        </View>
      )}
    </View>
  )
}
