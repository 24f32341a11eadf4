import { describe, expect, it } from 'vitest';
import { getOwn, setOwn } from '../../src/core/ownProperties.js';

describe('ownProperties', () => {
  it('setOwn writes "__proto__" as data; getOwn never returns an inherited member', () => {
    const o: Record<string, number> = {};
    for (const [i, k] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].entries()) {
      expect(getOwn(o, k)).toBeUndefined();
      setOwn(o, k, i);
      expect(getOwn(o, k)).toBe(i);
    }
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']);
    expect(JSON.stringify(o)).toBe('{"__proto__":0,"constructor":1,"toString":2,"hasOwnProperty":3,"valueOf":4}');
  });
});
