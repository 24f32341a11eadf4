/**
 * The measurement script behind the tuning table of examples/lapd/README.md: trains one model
 * configuration on the real sample's stratified 25% split (seed 0, or `splitSeed`) and prints the
 * test metrics for several prior-correction exponents α (they change only the hard predictions, so
 * one training serves them all), plus the per-class one-vs-rest AUCs. `npm run lapd -- --seed S`
 * is `{"seed":S,"splitSeed":S}`.
 *
 *   npx tsx examples/lapd/scripts/tune.ts '{"hidden":[128],"l2":0.003,"seed":1}'
 *   npx tsx examples/lapd/scripts/tune.ts '{"ensemble":5,"seed":3,"splitSeed":3,"alphas":[0.5,1]}'
 *   npx tsx examples/lapd/scripts/tune.ts '{"dates":["occDays","rptDays"],"seed":2,"splitSeed":2}'
 *
 * @module
 */
import { join } from 'node:path';
import { type DecisionSearch, EnsembleClassifier, Metrics, PriorCorrectedClassifier } from 'imbalanced-tabular';
import { loadCsvColumns } from '../caseColumns.js';
import { configOf, DEFAULTS } from '../cli.js';
import { prepare, runConfig, targetOnlyOf, type ModelConfig } from '../experiment.js';
import { PIPELINE_CLASSES } from '../predict.js';

const args = JSON.parse(process.argv[2] ?? '{}') as Partial<ModelConfig> & {
  mocodes?: number;
  alphas?: number[];
  data?: string;
  splitSeed?: number;
  searches?: DecisionSearch[];
};
const path =
  args.data ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'lapd', 'lapd-sample.csv');
const { cases } = await loadCsvColumns(path);
const data = prepare(cases, {
  testSize: 0.25,
  seed: args.splitSeed ?? 0,
  mocodes: args.mocodes ?? DEFAULTS.mocodes,
  targetOnly: targetOnlyOf(args.targetEncode),
});
// The shipped defaults (examples/lapd/cli.ts) with the plain argmax, overridden by the JSON argument.
const { mocodes: _m, alphas: _a, data: _d, splitSeed: _s, searches: _r, ...overrides } = args;
const config: ModelConfig = { ...configOf(DEFAULTS), priorAlpha: 0, ...overrides };
const run = await runConfig(data, config, { line: () => undefined, tty: false, enabled: false }, 'tune');
const classes = run.report.classes;
// The trained rule with another α: its saved form, edited (the priors are those it trained on).
const saved = run.rule.toJSON();
const withAlpha = (alpha: number) =>
  PriorCorrectedClassifier.fromJSON(
    { ...saved, state: { ...saved.state!, alpha, weights: null, offsets: saved.state!.offsets.map(() => 0) } },
    PIPELINE_CLASSES,
  );
const f = run.mlp.fitted;
console.log(
  JSON.stringify(args),
  `trained ${run.seconds.toFixed(0)}s, best epoch ${f.bestEpoch ?? '-'}, stopped ${f.stoppedEpoch ?? '-'}, ` +
    `epochs run ${f.history.length}`,
);
if (config.tuneMetric) {
  // The tuned rule itself (e.g. `"tuneMetric":"balancedAccuracy","ruleSearch":"linear","crossFit":5`).
  const m = Metrics.evaluate(data.yTest, run.rule.decide(run.proba), run.proba, { labels: classes });
  const r = run.rule.fitted;
  console.log(
    `  tuned (${config.ruleSearch ?? 'alpha'}, alpha ${r.alpha}, ${r.nValidation} rows, ` +
      `score ${r.validationScore?.toFixed(3)}): ` +
      `acc ${m.accuracy.toFixed(3)} bal ${m.balancedAccuracy.toFixed(3)} macroF1 ${m.macroF1.toFixed(3)} ` +
      `aucOvrMacro ${m.rocAucOvrMacro!.toFixed(3)} aucOvrWeighted ${m.rocAucOvrWeighted!.toFixed(3)}`,
  );
}
// With crossFit: every search of the rule tuned on the same out-of-fold probabilities (a stand-in
// classifier gives them, so the networks are not trained again).
const inner = run.rule.params.classifier;
if (config.crossFit !== undefined && inner instanceof EnsembleClassifier) {
  const oof = inner.outOfFoldProba();
  const stub = {
    classes: inner.classes,
    fit: async () => stub,
    predict: () => [],
    predictProba: () => run.proba,
    outOfFoldProba: () => oof,
  };
  for (const search of args.searches ?? (['alpha', 'offsets', 'linear'] as const)) {
    const rule = new PriorCorrectedClassifier(stub, {
      tune: { metric: config.tuneMetric ?? 'balancedAccuracy', search, validation: 'outOfFold', seed: config.seed },
    });
    await rule.fit([], data.yTrain);
    const m = Metrics.evaluate(data.yTest, rule.decide(run.proba), run.proba, { labels: classes });
    console.log(
      `  out-of-fold ${search} (alpha ${rule.fitted.alpha}, oof ${rule.fitted.validationScore?.toFixed(3)}): ` +
        `acc ${m.accuracy.toFixed(3)} bal ${m.balancedAccuracy.toFixed(3)} macroF1 ${m.macroF1.toFixed(3)}`,
    );
  }
}
for (const a of args.alphas ?? [0, 0.25, 0.5, 0.75, 1]) {
  const rule = withAlpha(a);
  const m = Metrics.evaluate(data.yTest, rule.decide(run.proba), run.proba, { labels: classes });
  rule.dispose();
  console.log(
    `  alpha ${a}: acc ${m.accuracy.toFixed(3)} bal ${m.balancedAccuracy.toFixed(3)} ` +
      `macroF1 ${m.macroF1.toFixed(3)} aucOvrMacro ${m.rocAucOvrMacro!.toFixed(3)} ` +
      `aucOvrWeighted ${m.rocAucOvrWeighted!.toFixed(3)} aucOvo ${m.rocAucOvoMacro!.toFixed(3)}`,
  );
  if (a === 0) console.log('  per-class AUC', m.perClass.map((c) => `${c.label} ${c.rocAuc?.toFixed(3)}`).join(', '));
}
run.mlp.dispose();
