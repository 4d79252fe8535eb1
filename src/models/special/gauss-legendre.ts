// Gauss–Legendre quadrature: ∫ f over [lo, hi] ≈ Σ wᵢ f(xᵢ), exact for polynomials of degree
// < 2n. Nodes are the roots of the Legendre polynomial Pₙ, found by Newton's method from the
// Chebyshev-like starting guesses cos(π(i − ¼)/(n + ½)) (Numerical Recipes' approach).

export interface QuadratureRule {
  /** Nodes on [−1, 1], increasing. */
  nodes: Float64Array;
  weights: Float64Array;
}

export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of nodes must be a whole number ≥ 1, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.ceil(n / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // Pₙ(x) by the three-term recurrence, and its derivative from Pₙ and Pₙ₋₁.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnMinus1 = n === 1 ? 1 : p0;
      derivative = (n * (x * pn - pnMinus1)) / (x * x - 1);
      const step = pn / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * derivative * derivative);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}
