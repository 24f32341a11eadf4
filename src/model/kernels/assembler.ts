/**
 * A small WebAssembly assembler: the MLP kernels are written as calls on {@link Code} (one method
 * per instruction, named after it: `f32x4Add` is `f32x4.add`) and assembled at run time into a
 * module that imports one linear memory — no toolchain and no binary blob in the repository.
 *
 * Only the instructions the kernels use are here; each method's comment gives the opcode. Binary
 * format: WebAssembly core specification §5 and the fixed-width SIMD and relaxed-SIMD proposals.
 *
 * @internal
 * @module
 */

/** Value types (binary encoding). @internal */
export const I32 = 0x7f;
/** @internal */
export const F32 = 0x7d;
/** @internal */
export const V128 = 0x7b;
/** A value type. @internal */
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128. @internal */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    const b = v & 0x7f;
    v >>>= 7;
    out.push(v !== 0 ? b | 0x80 : b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. @internal */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

const SIMD_PREFIX = 0xfd;
const BLOCK_EMPTY = 0x40;
/** log2 of the alignment hint of a 4-byte / 16-byte access. */
const ALIGN_4 = 2;
const ALIGN_16 = 4;

/**
 * The instruction stream of one function body, written fluently:
 * `c.localGet(a).localGet(b).f32x4Mul()`.
 * @internal
 */
export class Code {
  /** The encoded instructions. */
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }

  private simd(op: number, ...imm: number[]): this {
    return this.op(SIMD_PREFIX, ...uleb(op), ...imm);
  }

  // ---- control ----
  /** `block` (0x02) with no result. */
  block(): this {
    return this.op(0x02, BLOCK_EMPTY);
  }
  /** `loop` (0x03) with no result. */
  loop(): this {
    return this.op(0x03, BLOCK_EMPTY);
  }
  /** `if` (0x04) with no result. */
  if(): this {
    return this.op(0x04, BLOCK_EMPTY);
  }
  /** `else` (0x05). */
  else(): this {
    return this.op(0x05);
  }
  /** `end` (0x0b). */
  end(): this {
    return this.op(0x0b);
  }
  /** `br depth` (0x0c). */
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  /** `br_if depth` (0x0d). */
  brIf(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  /** `return` (0x0f). */
  return(): this {
    return this.op(0x0f);
  }

  /** `select` (0x1b): the first of two values when the i32 on top is non-zero, else the second. */
  select(): this {
    return this.op(0x1b);
  }

  // ---- locals ----
  /** `local.get` (0x20). */
  localGet(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  /** `local.set` (0x21). */
  localSet(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  /** `local.tee` (0x22). */
  localTee(i: number): this {
    return this.op(0x22, ...uleb(i));
  }

  // ---- memory (memarg: alignment hint, then offset) ----
  /** `f32.load offset` (0x2a). */
  f32Load(offset = 0): this {
    return this.op(0x2a, ALIGN_4, ...uleb(offset));
  }
  /** `f32.store offset` (0x38). */
  f32Store(offset = 0): this {
    return this.op(0x38, ALIGN_4, ...uleb(offset));
  }
  /** `i32.load offset` (0x28). */
  i32Load(offset = 0): this {
    return this.op(0x28, ALIGN_4, ...uleb(offset));
  }

  // ---- i32 ----
  /** `i32.const` (0x41). */
  i32Const(v: number): this {
    return this.op(0x41, ...sleb(v));
  }
  /** `i32.eqz` (0x45). */
  i32Eqz(): this {
    return this.op(0x45);
  }
  /** `i32.eq` (0x46). */
  i32Eq(): this {
    return this.op(0x46);
  }
  /** `i32.ne` (0x47). */
  i32Ne(): this {
    return this.op(0x47);
  }
  /** `i32.lt_s` (0x48). */
  i32LtS(): this {
    return this.op(0x48);
  }
  /** `i32.gt_s` (0x4a). */
  i32GtS(): this {
    return this.op(0x4a);
  }
  /** `i32.le_s` (0x4c). */
  i32LeS(): this {
    return this.op(0x4c);
  }
  /** `i32.ge_s` (0x4e). */
  i32GeS(): this {
    return this.op(0x4e);
  }
  /** `i32.add` (0x6a). */
  i32Add(): this {
    return this.op(0x6a);
  }
  /** `i32.sub` (0x6b). */
  i32Sub(): this {
    return this.op(0x6b);
  }
  /** `i32.mul` (0x6c). */
  i32Mul(): this {
    return this.op(0x6c);
  }
  /** `i32.shl` (0x74). */
  i32Shl(): this {
    return this.op(0x74);
  }

  // ---- f32 ----
  /** `f32.const` (0x43), little-endian IEEE bits. */
  f32Const(v: number): this {
    const b = new Uint8Array(Float32Array.of(v).buffer);
    return this.op(0x43, ...b);
  }
  /** `f32.gt` (0x5e). */
  f32Gt(): this {
    return this.op(0x5e);
  }
  /** `f32.sqrt` (0x91). */
  f32Sqrt(): this {
    return this.op(0x91);
  }
  /** `f32.add` (0x92). */
  f32Add(): this {
    return this.op(0x92);
  }
  /** `f32.sub` (0x93). */
  f32Sub(): this {
    return this.op(0x93);
  }
  /** `f32.mul` (0x94). */
  f32Mul(): this {
    return this.op(0x94);
  }
  /** `f32.div` (0x95). */
  f32Div(): this {
    return this.op(0x95);
  }
  /** `f32.min` (0x96). */
  f32Min(): this {
    return this.op(0x96);
  }
  /** `f32.max` (0x97). */
  f32Max(): this {
    return this.op(0x97);
  }

  // ---- v128 (prefix 0xfd) ----
  /** `v128.load offset` (0xfd 0x00). */
  v128Load(offset = 0): this {
    return this.simd(0x00, ALIGN_16, ...uleb(offset));
  }
  /** `v128.load32_splat offset` (0xfd 0x09): one f32 from memory into all four lanes. */
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09, ALIGN_4, ...uleb(offset));
  }
  /** `v128.store offset` (0xfd 0x0b). */
  v128Store(offset = 0): this {
    return this.simd(0x0b, ALIGN_16, ...uleb(offset));
  }
  /** `v128.const` (0xfd 0x0c) of four equal f32 lanes. */
  v128ConstF32(v: number): this {
    const b = new Uint8Array(Float32Array.of(v, v, v, v).buffer);
    return this.simd(0x0c, ...b);
  }
  /** `f32x4.splat` (0xfd 0x13). */
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  /** `f32x4.extract_lane lane` (0xfd 0x1f). */
  f32x4ExtractLane(lane: number): this {
    return this.simd(0x1f, lane);
  }
  /** `i32x4.splat` (0xfd 0x11). */
  i32x4Splat(): this {
    return this.simd(0x11);
  }
  /** `f32x4.lt` (0xfd 0x43): all-ones lanes where a < b. */
  f32x4Lt(): this {
    return this.simd(0x43);
  }
  /** `f32x4.gt` (0xfd 0x44): all-ones lanes where a > b. */
  f32x4Gt(): this {
    return this.simd(0x44);
  }
  /** `v128.and` (0xfd 0x4e). */
  v128And(): this {
    return this.simd(0x4e);
  }
  /** `v128.andnot` (0xfd 0x4f): a & ~b. */
  v128Andnot(): this {
    return this.simd(0x4f);
  }
  /** `v128.bitselect` (0xfd 0x52): lanes of a where the mask bits are set, else of b. */
  v128Bitselect(): this {
    return this.simd(0x52);
  }
  /** `f32x4.nearest` (0xfd 0x6a): round to the nearest integer, ties to even. */
  f32x4Nearest(): this {
    return this.simd(0x6a);
  }
  /** `i32x4.shl` (0xfd 0xab) by an i32 count. */
  i32x4Shl(): this {
    return this.simd(0xab);
  }
  /** `i32x4.add` (0xfd 0xae). */
  i32x4Add(): this {
    return this.simd(0xae);
  }
  /** `f32x4.abs` (0xfd 0xe0). */
  f32x4Abs(): this {
    return this.simd(0xe0);
  }
  /** `f32x4.sqrt` (0xfd 0xe3). */
  f32x4Sqrt(): this {
    return this.simd(0xe3);
  }
  /** `f32x4.add` (0xfd 0xe4). */
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  /** `f32x4.sub` (0xfd 0xe5). */
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  /** `f32x4.mul` (0xfd 0xe6). */
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  /** `f32x4.div` (0xfd 0xe7). */
  f32x4Div(): this {
    return this.simd(0xe7);
  }
  /** `f32x4.min` (0xfd 0xe8). */
  f32x4Min(): this {
    return this.simd(0xe8);
  }
  /** `f32x4.max` (0xfd 0xe9). */
  f32x4Max(): this {
    return this.simd(0xe9);
  }
  /** `i32x4.trunc_sat_f32x4_s` (0xfd 0xf8): f32 lanes to i32, saturating. */
  i32x4TruncSatF32x4S(): this {
    return this.simd(0xf8);
  }
  /** Relaxed SIMD `f32x4.relaxed_madd` (0xfd 0x105): `a · b + c`, fused where the CPU has FMA. */
  f32x4RelaxedMadd(): this {
    return this.simd(0x105);
  }

  // ---- structured helpers ----
  /**
   * `for (i = from; i < to; i += step) body()` on i32 locals: `from` and `to` are locals or
   * constants (`{ c: 0 }`), the test is at the top. Branch depth 0 inside `body` is the loop head.
   */
  for(i: number, from: Operand, to: Operand, step: number, body: () => void): this {
    this.operand(from).localSet(i);
    this.block().loop();
    this.localGet(i).operand(to).i32GeS().brIf(1);
    body();
    this.localGet(i).i32Const(step).i32Add().localSet(i).br(0);
    return this.end().end();
  }

  /** Pushes a local (a number) or a constant (`{ c: value }`). */
  operand(x: Operand): this {
    return typeof x === 'number' ? this.localGet(x) : this.i32Const(x.c);
  }

  /** `local[dst] = local[dst] + delta` (i32), delta a local or a constant. */
  addTo(dst: number, delta: Operand): this {
    return this.localGet(dst).operand(delta).i32Add().localSet(dst);
  }
}

/** An i32 operand of the structured helpers: a local index or a constant. @internal */
export type Operand = number | { c: number };

/** `n` local indices: a tuple for a literal `n`, else an array. @internal */
export type Locals<N extends number, R extends number[] = []> = number extends N
  ? number[]
  : R['length'] extends N
    ? R
    : Locals<N, [...R, number]>;

/** One function of a module: its signature, its locals and its body. @internal */
export class Func {
  /** The body. */
  readonly code = new Code();
  private readonly localTypes: ValType[] = [];

  /**
   * @param name - Export name.
   * @param params - Parameter types (locals 0 … params.length − 1, all i32 here unless stated).
   * @param result - Result type, or undefined.
   */
  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly result?: ValType,
  ) {}

  /** Declares a local of type `t` and returns its index. */
  local(t: ValType): number {
    this.localTypes.push(t);
    return this.params.length + this.localTypes.length - 1;
  }

  /** Declares `n` locals of type `t` (a tuple type for a literal `n`, to destructure). */
  locals<const N extends number>(t: ValType, n: N): Locals<N> {
    return Array.from({ length: n }, () => this.local(t)) as Locals<N>;
  }

  /** The encoded body: local declarations (run-length by type), instructions, `end`. */
  encode(): number[] {
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body = [...uleb(groups.length)];
    for (const [n, t] of groups) body.push(...uleb(n), t);
    body.push(...this.code.bytes, 0x0b);
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...uleb(b.length), ...b];
}

/**
 * The memory the module imports as `env.memory`: at least one page, at most 4 GiB (65536 pages,
 * declared for a shared memory, which must have a maximum), so any memory of that kind fits.
 * @internal
 */
export interface MemoryImport {
  /** A shared memory (threads), or an ordinary one. */
  shared: boolean;
}

/**
 * The module's bytes: one function type per function, the memory import, the functions, and an
 * export of each function under its name.
 * @internal
 */
export function assemble(funcs: readonly Func[], memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const FUNC_TYPE = 0x60;
  const types = funcs.flatMap((f) => [
    FUNC_TYPE,
    ...uleb(f.params.length),
    ...f.params,
    ...(f.result === undefined ? [0] : [1, f.result]),
  ]);
  const IMPORT_MEMORY = 0x02;
  // Limits: flags (bit 0: has a maximum, bit 1: shared), minimum, [maximum].
  const limits = memory.shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const imports = [1, ...name('env'), ...name('memory'), IMPORT_MEMORY, ...limits];
  const EXPORT_FUNC = 0x00;
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d, // "\0asm"
    0x01,
    0x00,
    0x00,
    0x00, // version 1
    ...section(1, [...uleb(funcs.length), ...types]),
    ...section(2, imports),
    ...section(3, [...uleb(funcs.length), ...funcs.flatMap((_, i) => uleb(i))]),
    ...section(7, [...uleb(funcs.length), ...funcs.flatMap((f, i) => [...name(f.name), EXPORT_FUNC, ...uleb(i)])]),
    ...section(10, [...uleb(funcs.length), ...funcs.flatMap((f) => f.encode())]),
  ];
  return Uint8Array.from(bytes);
}
