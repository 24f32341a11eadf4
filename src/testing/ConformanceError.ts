/** Thrown by a failing {@link Check}. */
export class ConformanceError extends Error {
  /** Always `ConformanceError`. */
  override name = 'ConformanceError';
}

/** Throws a {@link ConformanceError} with `message`. @internal */
export function fail(message: string): never {
  throw new ConformanceError(message);
}
