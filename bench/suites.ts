/** Shared context handed to every benchmark suite. */
export interface BenchContext {
  /** `--quick`: smaller sizes, for a smoke run. */
  quick: boolean;
  /** One line describing the machine. */
  machine: string;
  /** ISO date of the run. */
  date: string;
  /** Progress output. */
  log: (msg: string) => void;
}

/** A suite returns the Markdown of its section of docs/benchmarks.md. */
export type Suite = { default: (ctx: BenchContext) => Promise<string> };

/** Registered suites, in run order. Each lives in its own file. */
export const suites: Record<string, () => Promise<Suite>> = {
  encoder: () => import('./encoder.js'),
  knn: () => import('./knn.js'),
  samplers: () => import('./samplers.js'),
  metrics: () => import('./metrics.js'),
  pipeline: () => import('./pipeline.js'),
  mlp: () => import('./mlp.js'),
  lapd: () => import('./lapd.js'),
};
