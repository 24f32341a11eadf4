import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/core/Random.js';
import { assemble } from '../../../src/model/kernels/assembler.js';
import { HP, HP_FLOATS, elementwiseFuncs } from '../../../src/model/kernels/elementwise.js';

type K = (...a: number[]) => number;
const memory = new WebAssembly.Memory({ initial: 4 });
const bytes = assemble(elementwiseFuncs(), { shared: false });
const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } })
  .exports as unknown as Record<string, K>;
const f32 = new Float32Array(memory.buffer);
const i32 = new Int32Array(memory.buffer);
const call = (name: string, ...a: number[]) => (ex[name] as K)(...a);
const rng = new Random(5);

describe('element-wise kernels', () => {
  it('exp-based activations match Math within float32 rounding, saturate cleanly and keep NaN', () => {
    const z = [-100, -87.5, -20, -3, -1e-3, 0, 1e-3, 0.5, 3, 20, 88, 100];
    const cases: [string, (v: number) => number][] = [
      ['act_tanh', Math.tanh],
      ['act_sigmoid', (v) => 1 / (1 + Math.exp(-v))],
      ['act_elu', (v) => (v > 0 ? v : Math.expm1(v))],
    ];
    for (const [name, fn] of cases) {
      f32.set([...z, Number.NaN, 1, 2, 3]);
      call(name, 16, 0);
      z.forEach((v, i) =>
        expect(Math.abs((f32[i] as number) - fn(v))).toBeLessThan(2e-7 * Math.max(1, Math.abs(fn(v)))),
      );
      expect(Number.isNaN(f32[12] as number)).toBe(true);
    }
  });

  it('softmax_proba: the softmax over the k classes; softmax_grad: w·(p − onehot), statistics, zero padding', () => {
    const k = 3;
    const kp = 4;
    const Z = [1, 2, -1, 7, 0, 0, 0, 9, 5, -90, 1, 3];
    f32.set(Z, 0);
    call('softmax_proba', 3, k, kp, 0);
    for (let i = 0; i < 3; i++) {
      const z = Z.slice(i * kp, i * kp + k);
      const m = Math.max(...z);
      const s = z.reduce((a, v) => a + Math.exp(v - m), 0);
      for (let j = 0; j < k; j++) expect(f32[i * kp + j]).toBeCloseTo(Math.exp((z[j] as number) - m) / s, 7);
    }
    // grad: Z at 0, labels at 256, weights at 512, stats at 768, D at 1024 (bytes)
    f32.set(Z, 0);
    i32.set([2, 0, 0], 64);
    f32.set([0.5, 0.25, 0.25], 128);
    f32.fill(Number.NaN, 256, 256 + 12);
    call('softmax_grad', 3, k, kp, 0, 256, 512, 768, 1024);
    const labels = [2, 0, 0];
    const w = [0.5, 0.25, 0.25];
    for (let i = 0; i < 3; i++) {
      const z = Z.slice(i * kp, i * kp + k);
      const m = Math.max(...z);
      const s = z.reduce((a, v) => a + Math.exp(v - m), 0);
      for (let j = 0; j < k; j++) {
        const p = Math.exp((z[j] as number) - m) / s;
        const want = (w[i] as number) * ((p < 2 ** -80 ? 0 : p) - (j === labels[i] ? 1 : 0));
        expect(f32[256 + i * kp + j]).toBeCloseTo(want, 7);
      }
      expect(f32[256 + i * kp + 3]).toBe(0);
      expect(f32[192 + 4 * i]).toBeCloseTo(s, 5);
      expect(f32[192 + 4 * i + 1]).toBeCloseTo((z[labels[i] as number] as number) - m, 6);
      expect(f32[192 + 4 * i + 2]).toBe(z.indexOf(m) === labels[i] ? 1 : 0);
    }
    // Row 2's class 1 (z − max = −95) is below 2⁻⁸⁰: exactly 0, never a subnormal.
    expect(f32[256 + 2 * kp + 1]).toBe(0);
  });

  it('colsum, transpose and sumsq', () => {
    const B = Float32Array.from({ length: 5 * 8 }, () => rng.normal());
    f32.set(B, 0);
    call('colsum', 8, 5, 0, 8, 1024);
    for (let n = 0; n < 8; n++) {
      let s = 0;
      for (let k = 0; k < 5; k++) s += B[k * 8 + n] as number;
      expect(f32[256 + n]).toBeCloseTo(s, 5);
    }
    f32.fill(-1, 512, 512 + 64);
    call('transpose', 3, 5, 0, 8, 2048, 6); // 3 rows × 5 columns of B (stride 8) → D (stride 6)
    for (let r = 0; r < 3; r++) for (let n = 0; n < 5; n++) expect(f32[512 + n * 6 + r]).toBe(B[r * 8 + n]);
    expect(f32[512 + 3]).toBe(-1); // untouched
    let ss = 0;
    for (let i = 0; i < 40; i++) ss += (B[i] as number) ** 2;
    expect(call('sumsq', 40, 0)).toBeCloseTo(ss, 4);
  });

  it('adam, rmsprop and sgd follow their formulas, with L2, and flush subnormal moments', () => {
    const n = 8;
    const [P, G, S1, S2, H] = [0, 64, 128, 192, 256]; // float indices
    const hp = {
      lr: 0.01,
      beta1: 0.9,
      omb1: 0.1,
      beta2: 0.999,
      omb2: 0.001,
      c1: 1 / (1 - 0.9 ** 3),
      c2: 1 / (1 - 0.999 ** 3),
      eps: 1e-7,
      l2x2: 0.02,
    };
    const p0 = Float32Array.from({ length: n }, () => rng.normal());
    const g0 = Float32Array.from({ length: n }, () => rng.normal());
    const m0 = Float32Array.from({ length: n }, () => 0.1 * rng.normal());
    const v0 = Float32Array.from({ length: n }, () => 0.1 * rng.float());
    const setHp = () => {
      f32.fill(0, H, H + HP_FLOATS);
      for (const [key, v] of Object.entries(hp)) f32[H + HP[key as keyof typeof HP]] = v;
    };
    const load = () => {
      f32.set(p0, P);
      f32.set(g0, G);
      f32.set(m0, S1);
      f32.set(v0, S2);
      setHp();
    };
    load();
    call('adam', n, P * 4, G * 4, S1 * 4, S2 * 4, H * 4);
    for (let i = 0; i < n; i++) {
      const g = (g0[i] as number) + hp.l2x2 * (p0[i] as number);
      const m = hp.beta1 * (m0[i] as number) + hp.omb1 * g;
      const v = hp.beta2 * (v0[i] as number) + hp.omb2 * g * g;
      expect(f32[S1 + i]).toBeCloseTo(m, 6);
      expect(f32[S2 + i]).toBeCloseTo(v, 6);
      expect(f32[P + i]).toBeCloseTo((p0[i] as number) - (hp.lr * m * hp.c1) / (Math.sqrt(v * hp.c2) + hp.eps), 6);
    }
    load();
    call('rmsprop', n, P * 4, G * 4, S2 * 4, H * 4);
    for (let i = 0; i < n; i++) {
      const g = (g0[i] as number) + hp.l2x2 * (p0[i] as number);
      const s = hp.beta2 * (v0[i] as number) + hp.omb2 * g * g;
      expect(f32[P + i]).toBeCloseTo((p0[i] as number) - (hp.lr * g) / Math.sqrt(s + hp.eps), 5);
    }
    load();
    call('sgd', n, P * 4, G * 4, H * 4);
    for (let i = 0; i < n; i++)
      expect(f32[P + i]).toBeCloseTo((p0[i] as number) - hp.lr * ((g0[i] as number) + hp.l2x2 * (p0[i] as number)), 6);
    // A zero gradient decays the moments; once below 1e−30 they are exactly 0, never subnormal.
    load();
    f32.fill(0, G, G + n);
    f32.fill(1e-30, S1, S1 + n);
    hp.l2x2 = 0;
    setHp();
    call('adam', n, P * 4, G * 4, S1 * 4, S2 * 4, H * 4);
    for (let i = 0; i < n; i++) expect(f32[S1 + i]).toBe(0);
  });
});
