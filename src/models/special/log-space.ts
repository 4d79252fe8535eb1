// Arithmetic on numbers held as their logarithms, so that likelihood terms such as
// Γ(r+x)/(α+T)^(r+x) can be combined without overflowing or underflowing.

/** ln(e^a + e^b), exact for very different magnitudes. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln(e^a − e^b) for a ≥ b. Returns −∞ when the two are equal (the difference is 0) and NaN when
 * b > a, since the logarithm of a negative number is undefined.
 */
export function logSubExp(a: number, b: number): number {
  if (b > a) return Number.NaN;
  if (b === -Infinity) return a;
  if (a === b) return -Infinity;
  const d = b - a;
  // log1p(−e^d) loses precision when e^d is close to 1; log(−expm1(d)) does not.
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}
