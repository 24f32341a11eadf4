/**
 * Programs: what each thread runs in one pass (a training step, a prediction chunk), written by
 * the calling thread into the shared memory as a list of commands, and the interpreter every
 * thread runs them with. Nothing is posted per pass: the calling thread writes the programs and
 * bumps a counter, the workers wake on it (`Atomics.wait`), run their list and count themselves
 * done.
 *
 * A command is {@link CMD_WORDS} int32: an opcode and up to 13 arguments. Opcode 0 ends the
 * list, 1 is a barrier across the pass's threads, `2 + i` calls kernel `i` (module.ts's export
 * order) with the arguments.
 *
 * @internal
 * @module
 */

/** Int32 words per command. @internal */
export const CMD_WORDS = 14;
/** Opcodes. @internal */
export const OP = { end: 0, barrier: 1, call: 2 } as const;

/**
 * Control words (int32 indices from the control block): the pass counter `go`, the count of
 * workers done, the pass's thread count, the barrier's arrival count and generation, quit and
 * error flags, and per worker (`tid` from 1) its ready flag and, for the current pass, the pass it
 * is assigned to and its slot (which program it runs).
 * @internal
 */
export const CTL = {
  go: 0,
  done: 1,
  threads: 2,
  barrierCount: 3,
  barrierGen: 4,
  quit: 5,
  error: 6,
  ready: 16,
  assignedPass: 80,
  slot: 144,
} as const;

/** Most workers a control block can track. @internal */
export const MAX_WORKERS = 63;

/** A kernel export as the interpreter calls it. @internal */
export type Kernel = (...args: number[]) => unknown;

/**
 * Runs the program at int32 index `pc` of `i32` (the shared memory) with the kernels `fns`;
 * barriers count arrivals at control words `ctl + c.barrierCount` / `ctl + c.barrierGen` among
 * `i32[ctl + c.threads]` threads. `canWait` says whether this thread may block in `Atomics.wait`
 * (a browser's main thread may not: it spins).
 *
 * Self-contained (no outer references): workers receive it as source text.
 * @throws Error when another thread has set the error flag.
 * @internal
 */
export function runProgram(
  fns: readonly Kernel[],
  i32: Int32Array,
  pc: number,
  ctl: number,
  c: { barrierCount: number; barrierGen: number; threads: number; error: number },
  canWait: boolean,
): void {
  for (; ; pc += 14) {
    const op = i32[pc] as number;
    if (op === 0) return;
    if (op === 1) {
      const gen = Atomics.load(i32, ctl + c.barrierGen);
      if (Atomics.add(i32, ctl + c.barrierCount, 1) === (i32[ctl + c.threads] as number) - 1) {
        Atomics.store(i32, ctl + c.barrierCount, 0);
        Atomics.add(i32, ctl + c.barrierGen, 1);
        Atomics.notify(i32, ctl + c.barrierGen);
      } else {
        while (Atomics.load(i32, ctl + c.barrierGen) === gen) {
          if (Atomics.load(i32, ctl + c.error) !== 0) throw new Error('another thread failed');
          if (canWait) Atomics.wait(i32, ctl + c.barrierGen, gen, 200);
        }
      }
      continue;
    }
    // Thirteen explicit reads, not a spread of a subarray: this runs for every kernel call and must
    // not allocate.
    (fns[op - 2] as Kernel)(
      i32[pc + 1] as number,
      i32[pc + 2] as number,
      i32[pc + 3] as number,
      i32[pc + 4] as number,
      i32[pc + 5] as number,
      i32[pc + 6] as number,
      i32[pc + 7] as number,
      i32[pc + 8] as number,
      i32[pc + 9] as number,
      i32[pc + 10] as number,
      i32[pc + 11] as number,
      i32[pc + 12] as number,
      i32[pc + 13] as number,
    );
  }
}

/**
 * Writes the programs of one pass: `at(slot)` selects a thread's list, `call` / `barrier` append
 * to it, `finish` ends every list.
 * @internal
 */
export class ProgramWriter {
  private readonly len: number[];
  private cur = 0;

  /**
   * @param i32 - The memory as int32.
   * @param base - Int32 index of the programs region.
   * @param words - Int32 words per thread's program.
   * @param threads - Threads of the pass.
   * @param index - Export index of each kernel by name.
   */
  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    private readonly words: number,
    readonly threads: number,
    private readonly index: ReadonlyMap<string, number>,
  ) {
    this.len = new Array(threads).fill(0);
  }

  /** Appends to the program of `slot`. */
  at(slot: number): this {
    this.cur = slot;
    return this;
  }

  /** Appends a call of kernel `name`. */
  call(name: string, ...args: number[]): this {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`ProgramWriter: no kernel ${name}`);
    const at = this.push(OP.call + i);
    args.forEach((a, j) => (this.i32[at + 1 + j] = a));
    return this;
  }

  /** Appends a barrier to every thread's program (every thread must reach it). */
  barrier(): this {
    for (let t = 0; t < this.threads; t++) this.at(t).push(OP.barrier);
    return this;
  }

  /** Ends every program. */
  finish(): void {
    for (let t = 0; t < this.threads; t++) this.at(t).push(OP.end);
  }

  /** Int32 index where the program of `slot` starts. */
  start(slot: number): number {
    return this.base + slot * this.words;
  }

  private push(op: number): number {
    const n = this.len[this.cur] as number;
    if ((n + 1) * CMD_WORDS > this.words) throw new Error('ProgramWriter: program too long');
    const at = this.start(this.cur) + n * CMD_WORDS;
    this.i32.fill(0, at, at + CMD_WORDS);
    this.i32[at] = op;
    this.len[this.cur] = n + 1;
    return at;
  }
}
