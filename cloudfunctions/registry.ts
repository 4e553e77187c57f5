import type { FunctionName } from '../src/domain/contracts'
import type { CloudFunction } from './_shared/define-function'
import { identity } from './identity/identity'

/** Every cloud function by name; the local runtime serves these and the build bundles each folder. */
export const CLOUD_FUNCTIONS: Record<FunctionName, CloudFunction> = {
  identity,
}
