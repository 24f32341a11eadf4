/**
 * What {@link MLPClassifier.toLayersModel} returns, typed by the members most callers use; at run
 * time it is a tfjs-layers `Sequential`. The type is written here, not imported from tfjs, so that
 * our declarations never load tfjs's own (which fail `strict` checks without `skipLibCheck`); for
 * the full API, cast: `clf.toLayersModel() as unknown as tf.Sequential`.
 */
export interface LayersModel {
  /** Runs the network on a tensor (`tf.Tensor2D` of rows); returns the output tensor. */
  predict(x: unknown, args?: object): unknown;
  /** Number of weights (trainable and not). */
  countParams(): number;
  /** Prints the Keras-style summary table. */
  summary(lineLength?: number, positions?: number[], printFn?: (message?: unknown, ...rest: unknown[]) => void): void;
  /** Saves the model through a tfjs IO handler or URL (`tf.io`). */
  save(handlerOrURL: unknown, config?: object): Promise<unknown>;
  /** Frees the model's tensors. */
  dispose(): unknown;
  /** The layers, in order. */
  readonly layers: ReadonlyArray<unknown>;
}
