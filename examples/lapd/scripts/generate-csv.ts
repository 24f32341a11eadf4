/**
 * Writes a large SYNTHETIC CSV with the real table's exact header and cell formats — the input for
 * trying the real-data path (`npm run lapd -- --data <file>`) at full-table scale without the
 * download. Streamed: memory stays flat whatever `--rows` is.
 *
 *   npm run lapd:generate -- --rows 1000000 --out big.csv [--seed 0] [--quiet]
 *
 * Exit codes: 0 written, 1 the file could not be written, 2 bad flags.
 *
 * @module
 */
import { integerFlag, parseFlags } from '../cli.js';
import { writeSyntheticCsv } from '../synthetic.js';

const USAGE = 'npm run lapd:generate -- --rows <n> --out <file.csv> [--seed <n>] [--quiet]';

/** The parsed flags of the script, or the message for a bad command line. */
export type GenerateArgs =
  | { ok: true; rows: number; out: string; seed: number; quiet: boolean }
  | { ok: false; message: string };

/** Parses the flags (strict: unknown flags and positional arguments are errors). */
export function parseGenerateArgs(argv: ReadonlyArray<string>): GenerateArgs {
  const values = parseFlags(argv, {
    rows: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (typeof values === 'string') return { ok: false, message: values };
  const errors: string[] = [];
  const rows = integerFlag('rows', values.rows as string | undefined, 1, -1);
  if (typeof rows === 'string') errors.push(rows);
  else if (rows === -1) errors.push('--rows is required: the number of rows to write.');
  const seed = integerFlag('seed', values.seed as string | undefined, 0, 0);
  if (typeof seed === 'string') errors.push(seed);
  const out = values.out as string | undefined;
  if (out === undefined || out === '') errors.push('--out is required: the path of the CSV file to write.');
  if (errors.length > 0) return { ok: false, message: errors.join('\n') };
  return { ok: true, rows: rows as number, out: out!, seed: seed as number, quiet: values.quiet === true };
}

async function main(argv: string[]): Promise<number> {
  const args = parseGenerateArgs(argv);
  if (!args.ok) {
    process.stderr.write(`lapd:generate: ${args.message}\nUsage: ${USAGE}\n`);
    return 2;
  }
  const t0 = performance.now();
  const say = (line: string): void => {
    if (!args.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    const bytes = await writeSyntheticCsv(args.out, {
      n: args.rows,
      seed: args.seed,
      onProgress: (n) => say(`  ${n.toLocaleString('en-US')} rows…`),
    });
    const seconds = (performance.now() - t0) / 1000;
    say(
      `Wrote ${args.rows.toLocaleString('en-US')} SYNTHETIC rows (${(bytes / 2 ** 20).toFixed(1)} MiB, seed ` +
        `${args.seed}) to ${args.out} in ${seconds.toFixed(1)}s.`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`lapd:generate: cannot write ${args.out}: ${(e as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
