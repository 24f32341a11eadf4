/**
 * Writes the example's encoded and scaled train/test split to disk, so that an independent
 * reference (scikit-learn's LogisticRegression in `python/logreg_check.py`, HistGradientBoosting in
 * `python/hist_gradient_boosting.py`) can be fitted on exactly the features the MLP sees. This is how
 * the feature table and the HistGradientBoosting row of examples/lapd/README.md were measured. The
 * JSON's `seed` is the split's, as `npm run lapd -- --seed`.
 *
 *   npx tsx examples/lapd/scripts/export-features.ts '{"mocodes":150,"maxCategories":60}' /tmp/lapd-features
 *   /usr/bin/python3 examples/lapd/scripts/python/logreg_check.py /tmp/lapd-features
 *
 * Output: `<prefix>.train.f64` and `<prefix>.test.f64` (row-major float64) and `<prefix>.json`
 * (shapes, labels, settings). Only the Encoder → Scaler part of the pipeline runs; no model.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Encoder, Scaler } from 'imbalanced-tabular';
import { DEFAULTS } from '../cli.js';
import { prepare } from '../experiment.js';
import { CATEGORICAL_FEATURES, numericColumns } from '../features.js';
import { loadCsvColumns } from '../caseColumns.js';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  mocodes?: number;
  maxCategories?: number | null;
  minFrequency?: number;
  seed?: number;
  data?: string;
};
const prefix = process.argv[3] ?? 'lapd-features';
const path =
  args.data ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'lapd', 'lapd-sample.csv');
const settings = {
  mocodes: args.mocodes ?? DEFAULTS.mocodes,
  maxCategories: args.maxCategories === undefined ? DEFAULTS.maxCategories : args.maxCategories,
  minFrequency: args.minFrequency ?? DEFAULTS.minFrequency,
  seed: args.seed ?? DEFAULTS.seed,
  testSize: DEFAULTS.testSize,
};
const { cases } = await loadCsvColumns(path);
const data = prepare(cases, { testSize: settings.testSize, seed: settings.seed, mocodes: settings.mocodes });
const encoder = new Encoder({
  categorical: [...CATEGORICAL_FEATURES],
  numeric: numericColumns(data.mocodes),
  handleUnknown: 'infrequent',
  minFrequency: settings.minFrequency,
  ...(settings.maxCategories === null ? {} : { maxCategories: settings.maxCategories }),
  impute: 'median',
});
const scaler = new Scaler({ method: 'standard' });
const train = scaler.fitTransform(encoder.fitTransform(data.train));
const test = scaler.transform(encoder.transform(data.test));
// Row-major float64, the layout numpy's fromfile + reshape reads.
writeFileSync(`${prefix}.train.f64`, Float64Array.from(train.to1DArray()));
writeFileSync(`${prefix}.test.f64`, Float64Array.from(test.to1DArray()));
writeFileSync(
  `${prefix}.json`,
  JSON.stringify({
    settings,
    cols: train.columns,
    featureNames: encoder.featureNames(),
    nTrain: train.rows,
    nTest: test.rows,
    yTrain: data.yTrain,
    yTest: data.yTest,
  }),
);
console.log(
  `wrote ${prefix}.{train,test}.f64 and ${prefix}.json: ${train.rows} + ${test.rows} rows × ${train.columns} ` +
    `columns (${JSON.stringify(settings)})`,
);
