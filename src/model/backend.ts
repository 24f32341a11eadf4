/**
 * Backend selection for the MLP: tfjs's pure-JS `cpu` backend and the WebAssembly `wasm` backend.
 *
 * Importing this module registers both backends with tfjs (that is what importing
 * `@tensorflow/tfjs-backend-cpu` / `-wasm` does); nothing is initialized until a model fits or
 * predicts. Switching backends is global in tfjs: fitting a model with `backend: 'wasm'` makes wasm
 * the active backend for the whole process.
 *
 * @internal
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { InvalidParameterError } from '../core/errors.js';

/** Backend choice of {@link MLPClassifierOptions.backend}. */
export type MLPBackend = 'cpu' | 'wasm' | 'auto';

/** A concrete tfjs backend the model ran on. */
export type ResolvedBackend = 'cpu' | 'wasm';

const failed = new Set<string>();

/**
 * Initializes (once) and activates a backend. `'auto'` tries wasm, then cpu.
 * @internal
 */
export async function activateBackend(choice: MLPBackend, who: string): Promise<ResolvedBackend> {
  const order: ResolvedBackend[] = choice === 'auto' ? ['wasm', 'cpu'] : [choice];
  for (const name of order) {
    if (failed.has(name)) continue;
    if (tf.getBackend() === name) return name;
    let ok = false;
    try {
      ok = await tf.setBackend(name);
    } catch {
      ok = false;
    }
    if (ok && tf.getBackend() === name) return name;
    failed.add(name);
  }
  throw new InvalidParameterError(
    'backend',
    `${who}: the tfjs backend ${choice === 'auto' ? '(wasm or cpu)' : `"${choice}"`} could not be initialized. ` +
      "Use backend: 'cpu' (always available), or for wasm make its .wasm files reachable " +
      '(setWasmPaths from @tensorflow/tfjs-backend-wasm in browsers).',
  );
}

/**
 * Activates `preferred` synchronously when it is already initialized; otherwise the cpu backend
 * (initialized synchronously on demand). Returns the backend now active.
 * @internal
 */
export function activateBackendSync(preferred: ResolvedBackend): ResolvedBackend {
  if (isInitialized(preferred)) {
    if (tf.getBackend() !== preferred) void tf.setBackend(preferred);
    if (tf.getBackend() === preferred) return preferred;
  }
  if (tf.getBackend() !== 'cpu') void tf.setBackend('cpu');
  return 'cpu';
}

function isInitialized(name: string): boolean {
  const registry = (tf.engine() as unknown as { registry: Record<string, unknown> }).registry;
  return registry[name] != null;
}
