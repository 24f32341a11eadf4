import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Vite serves the .wasm binaries as hashed assets; tfjs fetches whichever variant the browser
// supports (SIMD, threaded SIMD when the page is cross-origin isolated, plain otherwise).
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Picks the tfjs backend for the page: wasm when it initializes, else webgl when a webgl backend
 * is registered (this example does not bundle one), else the pure-JS cpu backend.
 * Returns the name of the active backend.
 */
export async function initBackend(): Promise<string> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  });
  for (const name of ['wasm', 'webgl', 'cpu']) {
    if (tf.findBackendFactory(name) === null) continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // This backend failed to initialize here (no WebAssembly, no WebGL): try the next one.
    }
  }
  return tf.getBackend();
}
