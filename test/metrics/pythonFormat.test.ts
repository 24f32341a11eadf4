import { describe, expect, it } from 'vitest';
import { pyFixed } from '../../src/metrics/pythonFormat.js';

describe('pyFixed', () => {
  it('text reports round exact ties to even like Python', () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect(pyFixed(0.375, 2)).toBe('0.38');
    expect(pyFixed(0.135, 2)).toBe('0.14');
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(Number.NaN, 2)).toBe('nan');
  });
});
