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
 * The adaptive spin of one thread's waits of one kind: spin up to `ms` before blocking in
 * `Atomics.wait`, `ms` adapted to the waits seen, never above `max`. @internal
 */
export interface Spin {
  ms: number;
  readonly max: number;
}

/**
 * Longest spins (milliseconds): at a barrier and for the workers to finish a pass, and a worker
 * for the next pass (the calling thread's work between two training steps). @internal
 */
export const SPIN_MAX_MS = { barrier: 0.1, pass: 0.5 } as const;

/**
 * Waits until `i32[at]` differs from `value`: spins up to `spin.ms`, then blocks in `Atomics.wait`
 * where `canWait` (a browser's main thread may not: it only spins).
 *
 * Why spin: waking a thread blocked in `Atomics.wait` takes tens of microseconds (more in a
 * virtual machine, whose idle vCPU must be rescheduled), several times per training step, while the
 * threads of a pass usually arrive within microseconds of each other; a spinning thread sees the
 * change at once. Why adapt: on a busy machine the awaited thread may not be running at all, and
 * spinning would take the core it needs. So `spin.ms` becomes twice the last wait when that was
 * short (at most `spin.max`), and halves after a longer one.
 *
 * Self-contained (no outer references): workers receive it as source text.
 * @throws Error when `errorAt ≥ 0` and `i32[errorAt]` becomes non-zero (another thread failed).
 * @internal
 */
export function waitChange(
  i32: Int32Array,
  at: number,
  value: number,
  spin: Spin,
  canWait: boolean,
  errorAt: number,
): void {
  if (Atomics.load(i32, at) !== value) return;
  const t0 = performance.now();
  while (Atomics.load(i32, at) === value) {
    if (errorAt >= 0 && Atomics.load(i32, errorAt) !== 0) throw new Error('another thread failed');
    // Blocks until notified; with an error flag to watch, for at most 200 ms at a time.
    if (canWait && performance.now() - t0 > spin.ms) Atomics.wait(i32, at, value, errorAt >= 0 ? 200 : undefined);
  }
  const waited = performance.now() - t0;
  spin.ms = waited <= spin.max ? Math.min(spin.max, Math.max(2 * waited, 0.002)) : spin.ms / 2;
}

/**
 * Runs the program at int32 index `pc` of `i32` (the shared memory) with the kernels `fns`;
 * barriers count arrivals at control words `ctl + c.barrierCount` / `ctl + c.barrierGen` among
 * `i32[ctl + c.threads]` threads, and a thread that is not the last waits with
 * `wait(at, value, errorAt)` (a {@link waitChange} bound to this thread).
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
  wait: (at: number, value: number, errorAt: number) => void,
): void {
  // One argument array per pass, refilled for every call (a call must not allocate).
  const args = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (; ; pc += 14) {
    const op = i32[pc] as number;
    if (op === 0) return;
    if (op === 1) {
      const gen = Atomics.load(i32, ctl + c.barrierGen);
      if (Atomics.add(i32, ctl + c.barrierCount, 1) === (i32[ctl + c.threads] as number) - 1) {
        Atomics.store(i32, ctl + c.barrierCount, 0);
        Atomics.add(i32, ctl + c.barrierGen, 1);
        Atomics.notify(i32, ctl + c.barrierGen);
      } else wait(ctl + c.barrierGen, gen, ctl + c.error);
      continue;
    }
    for (let j = 0; j < 13; j++) args[j] = i32[pc + 1 + j] as number;
    (fns[op - 2] as Kernel).apply(undefined, args);
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
