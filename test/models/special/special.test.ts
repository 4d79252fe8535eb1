import { describe, expect, it } from 'vitest';
import { gaussLegendre, hyp2f1, logAddExp, logHyp2f1, logSubExp } from '../../../src/models/special/index.js';

// Reference values: mpmath 1.3 at 30–40 significant digits, log(hyp2f1(a, b, c, z)).
const REFERENCE: Array<[a: number, b: number, c: number, z: number, logValue: number]> = [
  [1, 1, 2, 0.5, 0.32663425997828098],
  [2.5, 3.2, 1.1, 0.7, 6.6393657210296278],
  // The BG/NBD expected-purchases term of the CDNOW customer (x=2, T=38.86, t=39).
  [2.2426, 4.4259, 4.2188, 0.4740281208066743, 1.5204588147421883],
  // c − a − b < 0 with c − a, c − b > 0: the Euler-transformed path.
  [40.5, 1.6, 41.5, 0.95, 4.3293140103642139],
  [300, 2, 301, 0.99, 8.7698736994738537],
  [0.5, 0.5, 1.5, 0.999, 0.43174244105868861],
  // Values far beyond the range of doubles: the rescaled series must not overflow.
  [800, 900, 1.5, 0.9, 5033.2303526204694],
  [200, 150, 2, 0.99, 1830.3679309400719],
];

describe('logHyp2f1', () => {
  it.each(REFERENCE)('ln 2F1(%s, %s; %s; %s) matches mpmath', (a, b, c, z, expected) => {
    const value = logHyp2f1(a, b, c, z);
    expect(Math.abs(value - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it('agrees with closed forms', () => {
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(½, ½; 3/2; z²) = asin(z)/z.
    expect(hyp2f1(1, 1, 2, 0.3)).toBeCloseTo(-Math.log(0.7) / 0.3, 14);
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 14);
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('returns NaN outside its domain instead of a wrong number', () => {
    expect(logHyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(logHyp2f1(1, 1, 2, -0.5)).toBeNaN();
    expect(logHyp2f1(-1, 1, 2, 0.5)).toBeNaN();
    expect(logHyp2f1(1, 1, 2, 0.999999, { maxTerms: 100 })).toBeNaN();
  });
});

describe('log-space arithmetic', () => {
  it('adds and subtracts without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSubExp(1000, 1000 - Math.LN2)).toBeCloseTo(1000 - Math.LN2, 12);
    expect(logSubExp(Math.log(3), Math.log(2))).toBeCloseTo(0, 14);
    // Nearly equal arguments keep their digits: ln(e^0 − e^−1e−10) = ln(1e−10) to first order.
    expect(logSubExp(0, -1e-10)).toBeCloseTo(Math.log(1e-10), 6);
    expect(logSubExp(2, 2)).toBe(-Infinity);
    expect(logSubExp(1, 2)).toBeNaN();
  });
});

describe('gaussLegendre', () => {
  it('integrates polynomials of degree < 2n exactly', () => {
    for (const n of [1, 2, 5, 12]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let degree = 0; degree < 2 * n; degree++) {
        let sum = 0;
        nodes.forEach((x, i) => (sum += (weights[i] as number) * x ** degree));
        const exact = degree % 2 === 1 ? 0 : 2 / (degree + 1);
        expect(sum).toBeCloseTo(exact, 13);
      }
    }
  });

  it('rejects a non-positive number of nodes', () => {
    expect(() => gaussLegendre(0)).toThrow(RangeError);
  });
});
