/**
 * The MLP's other WebAssembly kernels — everything of a training step besides the matrix products:
 *
 * - `colsum(N, K, B, ldb, C)`: `C[n] = Σ_{k<K} B[k·ldb + n]` (bias gradients), in order of k;
 * - `transpose(R, N, S, lds, D, ldd)`: `D[n·ldd + r] = S[r·lds + n]` (Wᵀ for the input gradient);
 * - `adam(count, P, G, M, V, hp)`, `rmsprop(count, P, G, S, hp)`, `sgd(count, P, G, hp)`: one
 *   optimizer step on `count` contiguous parameters (hyper-parameters at `hp`, see {@link HP});
 * - `sumsq(count, P) → f32`: Σ P² (the L2 penalty of the reported loss);
 * - `mul(count, P, M)`: `P[i] ·= M[i]` (a dropout mask on activations and their gradients);
 * - `act_tanh`, `act_sigmoid`, `act_elu(count, P)`: the activation in place;
 * - `softmax_grad(rows, k, kp, Z, labels, weights, stats, D)`: per row of logits `Z` (row stride
 *   `kp`), the gradient of the weighted cross-entropy `D = w·(softmax(z) − onehot(y))`, and the
 *   row's statistics (`stats[4i…]` = Σ exp(z − max), z_y − max, 1 if argmax = y) from which the
 *   caller computes the loss `w·(log Σ − (z_y − max))`;
 * - `softmax_proba(rows, k, kp, Z)`: the softmax of each row of `Z`, in place.
 *
 * `exp` is Cephes' single-precision `expf` on f32x4 (range reduction by ln 2 in two parts, a
 * degree-5 polynomial, the power of two built in the exponent bits): within 2 ulp over
 * [−87, 88], the clamped input range; 0 below −87. Pointers are bytes; counts are multiples of 4
 * where a function runs on f32x4.
 *
 * Subnormal floats: WebAssembly has no flush-to-zero, and one subnormal operand costs an x86 core
 * ~100 cycles. They appear when training saturates (softmax gradients below 2⁻¹²⁶, then Adam
 * moments decaying towards 0) and made a step up to 8× slower (measured). So the kernels that
 * produce them flush to 0: exp below −87, softmax-gradient probabilities below 2⁻⁸⁰, gradients
 * below 1e−18 and optimizer moments below 1e−30 (NaN is kept). These thresholds are far below
 * anything that moves a float32 weight.
 *
 * @internal
 * @module
 */
import { F32, Func, I32, V128 } from './assembler.js';
import type { Code } from './assembler.js';

/**
 * Float offsets of the optimizer hyper-parameters at `hp`: learning rate, β₁ and 1 − β₁, β₂ and
 * 1 − β₂ (RMSprop: ρ and 1 − ρ), Adam's bias corrections 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ), ε, and 2·l2
 * (the L2 gradient factor; 0 for biases).
 * @internal
 */
export const HP = { lr: 0, beta1: 1, omb1: 2, beta2: 3, omb2: 4, c1: 5, c2: 6, eps: 7, l2x2: 8 } as const;
/** Floats of one hyper-parameter block. @internal */
export const HP_FLOATS = 12;

/** `v = 0 where |v| < tiny` on local `v` (NaN stays: its comparison is false). */
function flush(c: Code, v: number, tiny: number): void {
  c.localGet(v).localGet(v).f32x4Abs().v128ConstF32(tiny).f32x4Lt().v128Andnot().localSet(v);
}

/** Vector exp of the v128 on the stack, leaving exp on the stack (uses locals x, n and lo). */
function exp(c: Code, x: number, n: number, lo: number): void {
  c.localSet(x);
  c.localGet(x).v128ConstF32(-87).f32x4Lt().localSet(lo);
  c.localGet(x).v128ConstF32(88).f32x4Min().v128ConstF32(-87).f32x4Max().localSet(x);
  c.localGet(x).v128ConstF32(Math.LOG2E).f32x4Mul().f32x4Nearest().localSet(n);
  // r = x − n·C1 − n·C2 with C1 + C2 = ln 2 (C1 exact in few bits).
  c.localGet(x).localGet(n).v128ConstF32(0.693359375).f32x4Mul().f32x4Sub();
  c.localGet(n).v128ConstF32(2.1219444e-4).f32x4Mul().f32x4Add().localSet(x);
  c.v128ConstF32(1.98756915e-4);
  for (const coef of [1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1])
    c.localGet(x).f32x4Mul().v128ConstF32(coef).f32x4Add();
  c.localGet(x).f32x4Mul().localGet(x).f32x4Mul().localGet(x).f32x4Add().v128ConstF32(1).f32x4Add();
  // · 2ⁿ: (n + 127) << 23 is the float 2ⁿ.
  c.localGet(n).i32x4TruncSatF32x4S().i32Const(127).i32x4Splat().i32x4Add().i32Const(23).i32x4Shl();
  c.f32x4Mul().localGet(lo).v128Andnot();
}

/** `colsum(N, K, B, ldb, C)`. */
function colsum(): Func {
  const f = new Func('colsum', [I32, I32, I32, I32, I32]);
  const [N, K, B, ldb, C] = [0, 1, 2, 3, 4];
  const c = f.code;
  const [n, k, p] = f.locals(I32, 3);
  const acc = f.local(V128);
  c.localGet(ldb).i32Const(2).i32Shl().localSet(ldb);
  c.for(n, { c: 0 }, N, 4, () => {
    c.v128ConstF32(0).localSet(acc);
    c.localGet(B).localGet(n).i32Const(2).i32Shl().i32Add().localSet(p);
    c.for(k, { c: 0 }, K, 1, () => {
      c.localGet(acc).localGet(p).v128Load().f32x4Add().localSet(acc);
      c.addTo(p, ldb);
    });
    c.localGet(C).localGet(n).i32Const(2).i32Shl().i32Add().localGet(acc).v128Store();
  });
  return f;
}

/** `transpose(R, N, S, lds, D, ldd)`. */
function transpose(): Func {
  const f = new Func('transpose', [I32, I32, I32, I32, I32, I32]);
  const [R, N, S, lds, D, ldd] = [0, 1, 2, 3, 4, 5];
  const c = f.code;
  const [r, n, src, dst] = f.locals(I32, 4);
  c.localGet(lds).i32Const(2).i32Shl().localSet(lds);
  c.localGet(ldd).i32Const(2).i32Shl().localSet(ldd);
  c.for(r, { c: 0 }, R, 1, () => {
    c.localGet(S).localGet(r).localGet(lds).i32Mul().i32Add().localSet(src);
    c.localGet(D).localGet(r).i32Const(2).i32Shl().i32Add().localSet(dst);
    c.for(n, { c: 0 }, N, 1, () => {
      c.localGet(dst).localGet(src).f32Load().f32Store();
      c.addTo(src, { c: 4 }).addTo(dst, ldd);
    });
  });
  return f;
}

/**
 * An optimizer step: `name(count, P, G, [S1, [S2,]] hp)`; `body` computes the new parameter
 * vector from the locals (g already includes the L2 term) and updates the state vectors.
 */
function optimizer(
  name: string,
  states: number,
  body: (c: Code, v: { p: number; g: number; s: number[]; hp: (k: keyof typeof HP) => void }) => void,
): Func {
  const f = new Func(name, new Array(4 + states).fill(I32));
  const [count, P, G] = [0, 1, 2];
  const S = Array.from({ length: states }, (_, i) => 3 + i);
  const hpPtr = 3 + states;
  const c = f.code;
  const [i, off] = f.locals(I32, 2);
  const [p, g] = f.locals(V128, 2);
  const s = f.locals(V128, states);
  const hpv = Object.fromEntries(Object.keys(HP).map((k) => [k, f.local(V128)])) as Record<keyof typeof HP, number>;
  for (const [k, at] of Object.entries(HP)) {
    c.localGet(hpPtr)
      .v128Load32Splat(4 * at)
      .localSet(hpv[k as keyof typeof HP]);
  }
  const hp = (k: keyof typeof HP) => void c.localGet(hpv[k]);
  c.for(i, { c: 0 }, count, 4, () => {
    c.localGet(i).i32Const(2).i32Shl().localSet(off);
    c.localGet(P).localGet(off).i32Add().v128Load().localSet(p);
    // g = G + 2·l2·P
    c.localGet(G).localGet(off).i32Add().v128Load();
    hp('l2x2');
    c.localGet(p).f32x4Mul().f32x4Add().localSet(g);
    if (states > 0) flush(c, g, 1e-18);
    const at = (ptr: number) => c.localGet(ptr).localGet(off).i32Add();
    S.forEach(
      (sp, j) =>
        void at(sp)
          .v128Load()
          .localSet(s[j] as number),
    );
    body(c, { p, g, s, hp });
    for (const v of s) flush(c, v, 1e-30);
    S.forEach(
      (sp, j) =>
        void at(sp)
          .localGet(s[j] as number)
          .v128Store(),
    );
    c.localGet(P).localGet(off).i32Add().localGet(p).v128Store();
  });
  return f;
}

/** Adam as tfjs 4.22: `m = β₁m + (1−β₁)g`, `v = β₂v + (1−β₂)g²`, `p −= lr·(m·c1) / (√(v·c2) + ε)`. */
function adam(): Func {
  return optimizer('adam', 2, (c, { p, g, s, hp }) => {
    const [m, v] = s;
    hp('beta1');
    c.localGet(m).f32x4Mul();
    hp('omb1');
    c.localGet(g).f32x4Mul().f32x4Add().localSet(m);
    hp('beta2');
    c.localGet(v).f32x4Mul();
    hp('omb2');
    c.localGet(g).f32x4Mul().localGet(g).f32x4Mul().f32x4Add().localSet(v);
    c.localGet(p);
    hp('lr');
    c.localGet(m);
    hp('c1');
    c.f32x4Mul().localGet(v);
    hp('c2');
    c.f32x4Mul().f32x4Sqrt();
    hp('eps');
    c.f32x4Add().f32x4Div().f32x4Mul().f32x4Sub().localSet(p);
  });
}

/** RMSprop as tfjs 4.22 without momentum: `s = ρs + (1−ρ)g²`, `p −= lr·g / √(s + ε)`. */
function rmsprop(): Func {
  return optimizer('rmsprop', 1, (c, { p, g, s, hp }) => {
    const [ms] = s;
    hp('beta2');
    c.localGet(ms).f32x4Mul();
    hp('omb2');
    c.localGet(g).f32x4Mul().localGet(g).f32x4Mul().f32x4Add().localSet(ms);
    c.localGet(p).localGet(g);
    hp('lr');
    c.f32x4Mul().localGet(ms);
    hp('eps');
    c.f32x4Add().f32x4Sqrt().f32x4Div().f32x4Sub().localSet(p);
  });
}

/** Plain SGD: `p −= lr·g`. */
function sgd(): Func {
  return optimizer('sgd', 0, (c, { p, g, hp }) => {
    c.localGet(p);
    hp('lr');
    c.localGet(g).f32x4Mul().f32x4Sub().localSet(p);
  });
}

/** `sumsq(count, P) → f32`: four lane sums in order, then lanes 0 + 1 + 2 + 3. */
function sumsq(): Func {
  const f = new Func('sumsq', [I32, I32], F32);
  const [count, P] = [0, 1];
  const c = f.code;
  const i = f.local(I32);
  const [acc, v] = f.locals(V128, 2);
  c.v128ConstF32(0).localSet(acc);
  c.for(i, { c: 0 }, count, 4, () => {
    c.localGet(P).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localTee(v);
    c.localGet(v).f32x4Mul().localGet(acc).f32x4Add().localSet(acc);
  });
  c.localGet(acc).f32x4ExtractLane(0).localGet(acc).f32x4ExtractLane(1).f32Add();
  c.localGet(acc).f32x4ExtractLane(2).f32Add().localGet(acc).f32x4ExtractLane(3).f32Add();
  return f;
}

/**
 * `name(count, P, M)`: `P[i] = P[i] ∘ M[i]` in place, four floats at a time — `mul` (∘ = ·, the
 * dropout masks) and `add` (∘ = +, the second half-batch's weight gradient).
 */
function inPlace(name: 'mul' | 'add'): Func {
  const f = new Func(name, [I32, I32, I32]);
  const [count, P, M] = [0, 1, 2];
  const c = f.code;
  const [i, off] = f.locals(I32, 2);
  c.for(i, { c: 0 }, count, 4, () => {
    c.localGet(i).i32Const(2).i32Shl().localSet(off);
    c.localGet(P).localGet(off).i32Add();
    c.localGet(P).localGet(off).i32Add().v128Load();
    c.localGet(M).localGet(off).i32Add().v128Load();
    if (name === 'mul') c.f32x4Mul();
    else c.f32x4Add();
    c.v128Store();
  });
  return f;
}

/** An activation in place over `count` floats: `body` maps the vector in local z onto the stack. */
function activation(name: string, body: (c: Code, z: number, x: number, n: number, lo: number) => void): Func {
  const f = new Func(name, [I32, I32]);
  const [count, P] = [0, 1];
  const c = f.code;
  const [i, ptr] = f.locals(I32, 2);
  const [z, x, n, lo] = f.locals(V128, 4);
  c.for(i, { c: 0 }, count, 4, () => {
    c.localGet(P).localGet(i).i32Const(2).i32Shl().i32Add().localTee(ptr).v128Load().localSet(z);
    c.localGet(ptr);
    body(c, z, x, n, lo);
    c.v128Store();
  });
  return f;
}

/** tanh z = 1 − 2 / (e^{2z} + 1). */
const actTanh = () =>
  activation('act_tanh', (c, z, x, n, lo) => {
    c.v128ConstF32(1).v128ConstF32(2).localGet(z).localGet(z).f32x4Add();
    exp(c, x, n, lo);
    c.v128ConstF32(1).f32x4Add().f32x4Div().f32x4Sub();
  });

/** σ(z) = 1 / (1 + e^{−z}). */
const actSigmoid = () =>
  activation('act_sigmoid', (c, z, x, n, lo) => {
    c.v128ConstF32(1).v128ConstF32(1).v128ConstF32(0).localGet(z).f32x4Sub();
    exp(c, x, n, lo);
    c.f32x4Add().f32x4Div();
  });

/** ELU (α = 1): z for z > 0, e^z − 1 otherwise. */
const actElu = () =>
  activation('act_elu', (c, z, x, n, lo) => {
    c.localGet(z).localGet(z);
    exp(c, x, n, lo);
    c.v128ConstF32(1).f32x4Sub().localGet(z).v128ConstF32(0).f32x4Gt().v128Bitselect();
  });

/**
 * The common head of the two softmax kernels for row i: `z` = row pointer, `mx` / `am` = max and
 * first argmax over the k classes, `d` row ← exp(z − max) on all kp lanes, `sum` = Σ over k.
 */
function softmaxRow(
  f: Func,
  L: { k: number; kp: number; z: number; d: number },
): { mx: number; am: number; sum: number } {
  const c = f.code;
  const j = f.local(I32);
  const mx = f.local(F32);
  const am = f.local(I32);
  const [sum, v] = f.locals(F32, 2);
  const [x, n, lo, m4] = f.locals(V128, 4);
  c.localGet(L.z).f32Load().localSet(mx).i32Const(0).localSet(am);
  c.for(j, { c: 1 }, L.k, 1, () => {
    c.localGet(L.z).localGet(j).i32Const(2).i32Shl().i32Add().f32Load().localTee(v).localGet(mx).f32Gt();
    c.if().localGet(v).localSet(mx).localGet(j).localSet(am).end();
  });
  c.localGet(mx).f32x4Splat().localSet(m4);
  c.for(j, { c: 0 }, L.kp, 4, () => {
    c.localGet(L.d).localGet(j).i32Const(2).i32Shl().i32Add();
    c.localGet(L.z).localGet(j).i32Const(2).i32Shl().i32Add().v128Load().localGet(m4).f32x4Sub();
    exp(c, x, n, lo);
    c.v128Store();
  });
  c.f32Const(0).localSet(sum);
  c.for(j, { c: 0 }, L.k, 1, () => {
    c.localGet(sum).localGet(L.d).localGet(j).i32Const(2).i32Shl().i32Add().f32Load().f32Add().localSet(sum);
  });
  return { mx, am, sum };
}

/** `softmax_grad(rows, k, kp, Z, labels, weights, stats, D)`. */
function softmaxGrad(): Func {
  const f = new Func('softmax_grad', new Array(8).fill(I32));
  const [rows, k, kp, Z, labels, weights, stats, D] = [0, 1, 2, 3, 4, 5, 6, 7];
  const c = f.code;
  const [i, j, z, d, y] = f.locals(I32, 5);
  const w = f.local(F32);
  const [st, ptr] = f.locals(I32, 2);
  const p = f.local(F32);
  c.for(i, { c: 0 }, rows, 1, () => {
    c.localGet(Z).localGet(i).localGet(kp).i32Mul().i32Const(2).i32Shl().i32Add().localSet(z);
    c.localGet(D).localGet(i).localGet(kp).i32Mul().i32Const(2).i32Shl().i32Add().localSet(d);
    const { mx, am, sum } = softmaxRow(f, { k, kp, z, d });
    c.localGet(labels).localGet(i).i32Const(2).i32Shl().i32Add().i32Load().localSet(y);
    c.localGet(weights).localGet(i).i32Const(2).i32Shl().i32Add().f32Load().localSet(w);
    // D[j] = w·p_j − (j = y ? w : 0) for j < k (p_j < 2⁻⁸⁰ taken as 0), 0 on the padding lanes.
    c.for(j, { c: 0 }, kp, 1, () => {
      c.localGet(d).localGet(j).i32Const(2).i32Shl().i32Add().localTee(ptr);
      c.localGet(ptr).f32Load().localGet(sum).f32Div().localTee(p);
      c.f32Const(0)
        .localGet(p)
        .f32Const(2 ** -80)
        .f32Gt()
        .select()
        .localGet(w)
        .f32Mul();
      c.localGet(w).f32Const(0).localGet(j).localGet(y).i32Eq().select().f32Sub();
      c.f32Const(0).localGet(j).localGet(k).i32LtS().select();
      c.f32Store();
    });
    c.localGet(stats).localGet(i).i32Const(4).i32Shl().i32Add().localSet(st);
    c.localGet(st).localGet(sum).f32Store(0);
    c.localGet(st).localGet(z).localGet(y).i32Const(2).i32Shl().i32Add().f32Load().localGet(mx).f32Sub().f32Store(4);
    c.localGet(st).f32Const(1).f32Const(0).localGet(am).localGet(y).i32Eq().select().f32Store(8);
  });
  return f;
}

/** `softmax_proba(rows, k, kp, Z)`: probabilities in place (the exp row goes through Z itself). */
function softmaxProba(): Func {
  const f = new Func('softmax_proba', [I32, I32, I32, I32]);
  const [rows, k, kp, Z] = [0, 1, 2, 3];
  const c = f.code;
  const [i, j, z, ptr] = f.locals(I32, 4);
  c.for(i, { c: 0 }, rows, 1, () => {
    c.localGet(Z).localGet(i).localGet(kp).i32Mul().i32Const(2).i32Shl().i32Add().localSet(z);
    const { sum } = softmaxRow(f, { k, kp, z, d: z });
    c.for(j, { c: 0 }, k, 1, () => {
      c.localGet(z).localGet(j).i32Const(2).i32Shl().i32Add().localTee(ptr);
      c.localGet(ptr).f32Load().localGet(sum).f32Div().f32Store();
    });
  });
  return f;
}

/** Every kernel of this file, in export order. @internal */
export function elementwiseFuncs(): Func[] {
  return [
    colsum(),
    transpose(),
    adam(),
    rmsprop(),
    sgd(),
    sumsq(),
    inPlace('mul'),
    actTanh(),
    actSigmoid(),
    actElu(),
    softmaxGrad(),
    softmaxProba(),
    inPlace('add'),
  ];
}
