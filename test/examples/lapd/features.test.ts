import { describe, expect, it } from 'vitest';
import {
  CATEGORICAL_FEATURES,
  DATE_FEATURES,
  featureRow,
  mocodeSetOf,
  NUMERIC_FEATURES,
  numericColumns,
  TARGET_ONLY_FEATURES,
  topMocodes,
} from '../../../examples/lapd/features.js';
import type { CaseRecord } from '../../../examples/lapd/load.js';

const rec = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  status: 'Invest Cont',
  occDay: Date.UTC(2020, 2, 1) / 86_400_000,
  reportDelay: 3,
  hour: 18,
  area: 'Central',
  rptDist: '111',
  part: '1',
  crimeCode: '510',
  premiseCode: '101',
  weaponCode: 'none',
  victAge: 34,
  victSex: 'F',
  victDescent: 'H',
  lat: 34.05,
  lon: -118.25,
  nExtraCrimes: 1,
  mocodes: ['0344', '1822'],
  location: '100 W 1ST ST',
  ...over,
});

describe('featureRow', () => {
  it('derives time, delay, indicators and Mocode columns', () => {
    const f = featureRow(rec(), ['1822', '0913']);
    expect(f.dayOfWeek).toBe('Sun'); // 2020-03-01 was a Sunday
    expect(f.month).toBe(3);
    expect(f.hour).toBe(18);
    expect(f.hourSin).toBeCloseTo(Math.sin((2 * Math.PI * 18) / 24), 12);
    expect(f.reportDelayLog).toBeCloseTo(Math.log(4), 12);
    expect(f.victAgeMissing).toBe(0);
    expect(f.locationMissing).toBe(0);
    expect(f.mo_1822).toBe(1);
    expect(f.mo_0913).toBe(0);
    expect(f.nMocodes).toBe(2);
    expect(Object.keys(f).sort()).toEqual(
      [...CATEGORICAL_FEATURES, ...TARGET_ONLY_FEATURES, ...numericColumns(['1822', '0913'], DATE_FEATURES)].sort(),
    );
  });
  it('keeps the location and the whole Mocode combination as high-cardinality categories', () => {
    const f = featureRow(rec({ mocodes: ['1822', '0344', '1822', '0913'] }), []);
    expect(f.location).toBe('100 W 1ST ST');
    expect(f.mocodeSet).toBe('0344 0913 1822'); // distinct, sorted
    expect(featureRow(rec({ mocodes: [] }), []).mocodeSet).toBe('none');
    expect(mocodeSetOf(['2000'])).toBe('2000');
  });
  it('counts the absolute dates in days from 2020-01-01, a missing report date missing', () => {
    const f = featureRow(rec(), []); // occurred 2020-03-01, reported 3 days later
    expect(f.occDays).toBe(31 + 29); // 2020 is a leap year
    expect(f.rptDays).toBe(63);
    expect(featureRow(rec({ occDay: Date.UTC(2019, 11, 31) / 86_400_000 }), []).occDays).toBe(-1);
    const noReport = featureRow(rec({ reportDelay: null }), []);
    expect(noReport.rptDays).toBeNull();
    expect(noReport.reportDelayLog).toBeNull();
  });
  it('numericColumns: the date features only when asked, after the others and before the Mocodes', () => {
    expect(numericColumns(['1822'])).toEqual([...NUMERIC_FEATURES, 'mo_1822']);
    expect(numericColumns(['1822'], ['rptDays'])).toEqual([...NUMERIC_FEATURES, 'rptDays', 'mo_1822']);
    expect(numericColumns([], ['rptDays', 'occDays'])).toEqual([...NUMERIC_FEATURES, 'occDays', 'rptDays']);
  });
  it('keeps missing values missing (for the Encoder to impute) and flags them', () => {
    const f = featureRow(rec({ victAge: null, lat: null, lon: null, hour: null, reportDelay: -2 }), []);
    expect(f.victAge).toBeNull();
    expect(f.victAgeMissing).toBe(1);
    expect(f.lat).toBeNull();
    expect(f.locationMissing).toBe(1);
    expect(f.hourSin).toBeNull();
    expect(f.reportDelayLog).toBeCloseTo(-Math.log(3), 12);
  });
  it('topMocodes counts each record once and breaks ties by code', () => {
    const rs = [rec({ mocodes: ['0002', '0002', '0001'] }), rec({ mocodes: ['0003'] }), rec({ mocodes: ['0001'] })];
    expect(topMocodes(rs, 2)).toEqual(['0001', '0002']);
    expect(topMocodes(rs, 10)).toEqual(['0001', '0002', '0003']);
  });
});
