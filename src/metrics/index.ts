/**
 * Metrics that agree with scikit-learn / imbalanced-learn.
 * @packageDocumentation
 */
export type { Average } from './average.js';
export type { ZeroDivision } from './zeroDivision.js';
export { accuracyScore } from './accuracyScore.js';
export type { AccuracyOptions } from './accuracyScore.js';
export { balancedAccuracyScore } from './balancedAccuracyScore.js';
export type { BalancedAccuracyOptions } from './balancedAccuracyScore.js';
export { confusionMatrix } from './confusionMatrix.js';
export type { ConfusionMatrixOptions } from './confusionMatrix.js';
export {
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  f1Score,
  fbetaScore,
} from './precisionRecallFscoreSupport.js';
export type { PrfOptions, FbetaOptions, PrfsPerClass, PrfsAveraged } from './precisionRecallFscoreSupport.js';
export { matthewsCorrcoef } from './matthewsCorrcoef.js';
export type { MatthewsOptions } from './matthewsCorrcoef.js';
export { cohenKappaScore } from './cohenKappaScore.js';
export type { CohenKappaOptions } from './cohenKappaScore.js';
export { logLoss } from './logLoss.js';
export type { LogLossOptions } from './logLoss.js';
export { topKAccuracyScore } from './topKAccuracyScore.js';
export type { TopKAccuracyOptions } from './topKAccuracyScore.js';
export { rocCurve } from './rocCurve.js';
export type { RocCurveOptions, RocCurve } from './rocCurve.js';
export { rocAucScore } from './rocAucScore.js';
export type { RocAucOptions } from './rocAucScore.js';
export { precisionRecallCurve } from './precisionRecallCurve.js';
export type { PrecisionRecallCurveOptions, PrecisionRecallCurve } from './precisionRecallCurve.js';
export { averagePrecisionScore } from './averagePrecisionScore.js';
export type { AveragePrecisionOptions } from './averagePrecisionScore.js';
export { sensitivitySpecificitySupport } from './sensitivitySpecificitySupport.js';
export type {
  SensitivitySpecificityOptions,
  SensitivitySpecificityPerClass,
  SensitivitySpecificityAveraged,
} from './sensitivitySpecificitySupport.js';
export { geometricMeanScore } from './geometricMeanScore.js';
export type { GeometricMeanOptions } from './geometricMeanScore.js';
export { classificationReport } from './classificationReport.js';
export type {
  ClassificationReportOptions,
  ClassificationReport,
  ReportRow,
  ReportClassRow,
} from './classificationReport.js';
export { classificationReportImbalanced } from './classificationReportImbalanced.js';
export type {
  ClassificationReportImbalancedOptions,
  ClassificationReportImbalanced,
  ImbalancedScores,
  ImbalancedClassRow,
} from './classificationReportImbalanced.js';
export { evaluate, Metrics } from './evaluate.js';
export type { EvaluateOptions, Evaluation, EvaluationClass } from './evaluate.js';
