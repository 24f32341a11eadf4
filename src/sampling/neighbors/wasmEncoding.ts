/**
 * The WebAssembly binary format, as much of it as the distance kernel uses: LEB128 numbers, module
 * framing (magic, version, sections) and every instruction by name, each returning its encoded
 * bytes. Opcode values are those of the WebAssembly core specification (section 5.4) and its SIMD
 * and relaxed-SIMD proposals; a name here is the instruction's text-format name in camelCase.
 *
 * @internal
 * @packageDocumentation
 */

/** Encoded bytes (a fragment of a module). @internal */
export type Bytes = number[];

/** Unsigned LEB128. @internal */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). @internal */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

// ---- module framing -------------------------------------------------------------------------

/** `\0asm` and binary format version 1. @internal */
export const MODULE_HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Section ids. @internal */
export const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;

/** Value types. @internal */
export const I32 = 0x7f;
/** @internal */
export const V128 = 0x7b;

/** The type constructor of a function type (`func` in a type section). @internal */
export const FUNC_TYPE = 0x60;

/** Kinds of an import or export. @internal */
export const EXTERNAL = { function: 0x00, memory: 0x02 } as const;

/** Memory limits: a minimum only, or a minimum and a maximum of a shared memory. @internal */
export const LIMITS = { min: 0x00, minMaxShared: 0x03 } as const;

/** A name (UTF-8 bytes of an ASCII string, length-prefixed). @internal */
export function name(s: string): Bytes {
  const b = [...s].map((c) => c.charCodeAt(0));
  return [...uleb(b.length), ...b];
}

/** A vector: its length, then its items. @internal */
export function vec(items: Bytes[]): Bytes {
  return [...uleb(items.length), ...items.flat()];
}

/** A section: id, byte length, body. @internal */
export function section(id: number, body: Bytes): Bytes {
  return [id, ...uleb(body.length), ...body];
}

// ---- control instructions -------------------------------------------------------------------

/** The block type of a block, loop or if that takes and leaves nothing. @internal */
const EMPTY = 0x40;

/** `block` (a forward branch target). @internal */
export const block: Bytes = [0x02, EMPTY];
/** `loop` (a backward branch target). @internal */
export const loop: Bytes = [0x03, EMPTY];
/** `if` (pops an i32 condition). @internal */
export const ifThen: Bytes = [0x04, EMPTY];
/** `end` of a block, loop, if or function body. @internal */
export const end: Bytes = [0x0b];
/** `br_if depth`: branches to the `depth`-th enclosing label when the popped i32 is not zero. @internal */
export const brIf = (depth: number): Bytes => [0x0d, ...uleb(depth)];

// ---- locals and i32 -------------------------------------------------------------------------

/** `local.get i`. @internal */
export const localGet = (i: number): Bytes => [0x20, ...uleb(i)];
/** `local.set i`. @internal */
export const localSet = (i: number): Bytes => [0x21, ...uleb(i)];
/** `i32.const v`. @internal */
export const i32Const = (v: number): Bytes => [0x41, ...sleb(v)];
/** `i32.eqz`. @internal */
export const i32Eqz: Bytes = [0x45];
/** `i32.lt_u`. @internal */
export const i32LtU: Bytes = [0x49];
/** `i32.add`. @internal */
export const i32Add: Bytes = [0x6a];
/** `i32.mul`. @internal */
export const i32Mul: Bytes = [0x6c];
/** `i32.or`. @internal */
export const i32Or: Bytes = [0x72];
/** `i32.shl`. @internal */
export const i32Shl: Bytes = [0x74];
/** `i32.store offset` (4-byte aligned: alignment exponent 2). @internal */
export const i32Store = (offset: number): Bytes => [0x36, 2, ...uleb(offset)];
/** `i32.load offset` (4-byte aligned). @internal */
export const i32Load = (offset: number): Bytes => [0x28, 2, ...uleb(offset)];
/** `i32.sub`. @internal */
export const i32Sub: Bytes = [0x6b];
/** `i32.and`. @internal */
export const i32And: Bytes = [0x71];
/** `i32.eq`. @internal */
export const i32Eq: Bytes = [0x46];
/** `i32.ne`. @internal */
export const i32Ne: Bytes = [0x47];
/** `i32.lt_s`. @internal */
export const i32LtS: Bytes = [0x48];
/** `call f` (function index `f`). @internal */
export const call = (f: number): Bytes => [0x10, ...uleb(f)];
/** `br depth`: branches to the `depth`-th enclosing label. @internal */
export const br = (depth: number): Bytes => [0x0c, ...uleb(depth)];

// ---- f32 (the bounded selection's candidate values) -----------------------------------------

/** `f32.load offset` (4-byte aligned). @internal */
export const f32Load = (offset: number): Bytes => [0x2a, 2, ...uleb(offset)];
/** `f32.store offset` (4-byte aligned). @internal */
export const f32Store = (offset: number): Bytes => [0x38, 2, ...uleb(offset)];
/** `f32.lt`. @internal */
export const f32Lt: Bytes = [0x5d];
/** `f32.gt`. @internal */
export const f32Gt: Bytes = [0x5e];
/** Value type f32. @internal */
export const F32 = 0x7d;

// ---- SIMD (prefix 0xfd, then the LEB128 sub-opcode) -----------------------------------------

const simd = (op: number, ...immediates: number[]): Bytes => [0xfd, ...uleb(op), ...immediates];

/** `v128.load offset` (16-byte aligned: alignment exponent 4). @internal */
export const v128Load = (offset: number): Bytes => simd(0x00, 4, ...uleb(offset));
/** `v128.load32_splat offset` (4-byte aligned): one 32-bit value into all four lanes. @internal */
export const v128Load32Splat = (offset: number): Bytes => simd(0x09, 2, ...uleb(offset));
/** `v128.store offset` (16-byte aligned). @internal */
export const v128Store = (offset: number): Bytes => simd(0x0b, 4, ...uleb(offset));
/** `v128.const 0` (sixteen zero bytes). @internal */
export const v128Zero: Bytes = simd(0x0c, ...new Array<number>(16).fill(0));
/** `f32x4.lt`: lane-wise `a < b`, all ones where true. @internal */
export const f32x4Lt: Bytes = simd(0x43);
/** `f32x4.extract_lane l`: lane `l` of a float32 vector. @internal */
export const f32x4ExtractLane = (lane: number): Bytes => simd(0x1f, lane);
/** `v128.or`. @internal */
export const v128Or: Bytes = simd(0x50);
/** `v128.any_true`: i32 1 when any bit is set. @internal */
export const v128AnyTrue: Bytes = simd(0x53);
/** `i32x4.bitmask`: bit `l` of the i32 result is the sign bit of lane `l`. @internal */
export const i32x4Bitmask: Bytes = simd(0xa4);
/** `i32x4.add`. @internal */
export const i32x4Add: Bytes = simd(0xae);
/** `i32x4.dot_i16x8_s`: products of signed 16-bit lanes, adjacent pairs summed into 32-bit lanes. @internal */
export const i32x4DotI16x8S: Bytes = simd(0xba);
/** `f32x4.add`. @internal */
export const f32x4Add: Bytes = simd(0xe4);
/** `f32x4.sub`. @internal */
export const f32x4Sub: Bytes = simd(0xe5);
/** `f32x4.mul`. @internal */
export const f32x4Mul: Bytes = simd(0xe6);
/** `f32x4.convert_i32x4_s`: signed 32-bit integers to float32, lane-wise. @internal */
export const f32x4ConvertI32x4S: Bytes = simd(0xfa);
/** Relaxed SIMD `f32x4.relaxed_madd(a, b, c) = a·b + c`, fused where the hardware has FMA. @internal */
export const f32x4RelaxedMadd: Bytes = simd(0x105);

// float64 (used by the cluster-sparsity pair kernel)

/** Value type f64. @internal */
export const F64 = 0x7c;
/** `f64.add`. @internal */
export const f64Add: Bytes = [0xa0];
/** `v128.load64_splat offset` (8-byte aligned: alignment exponent 3): one float64 into both lanes. @internal */
export const v128Load64Splat = (offset: number): Bytes => simd(0x0a, 3, ...uleb(offset));
/** `f64x2.extract_lane l`. @internal */
export const f64x2ExtractLane = (lane: number): Bytes => simd(0x21, lane);
/** `f64x2.sqrt`. @internal */
export const f64x2Sqrt: Bytes = simd(0xef);
/** `f64x2.add`. @internal */
export const f64x2Add: Bytes = simd(0xf0);
/** `f64x2.sub`. @internal */
export const f64x2Sub: Bytes = simd(0xf1);
/** `f64x2.mul`. @internal */
export const f64x2Mul: Bytes = simd(0xf2);
