// Dense Gaussian elimination with partial pivoting, for the small systems of absorbing Markov
// chains (one unknown per channel, so a few dozen at most).

/**
 * Solves A x = b for each right-hand side. `a` is n×n in row-major order and is not modified.
 * Throws when A is singular.
 */
export function solveLinearSystem(a: Float64Array, n: number, rightHandSides: readonly Float64Array[]): Float64Array[] {
  const m = Float64Array.from(a);
  const xs = rightHandSides.map((b) => Float64Array.from(b));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = row;
    }
    const pivotValue = m[pivot * n + col] as number;
    if (Math.abs(pivotValue) < 1e-14) throw new RangeError('linear system is singular');
    if (pivot !== col) {
      swapRows(m, n, pivot, col);
      for (const x of xs) swap(x, pivot, col);
    }
    for (let row = col + 1; row < n; row++) {
      const factor = (m[row * n + col] as number) / pivotValue;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) m[row * n + k] = (m[row * n + k] as number) - factor * (m[col * n + k] as number);
      for (const x of xs) x[row] = (x[row] as number) - factor * (x[col] as number);
    }
  }
  for (const x of xs) {
    for (let row = n - 1; row >= 0; row--) {
      let s = x[row] as number;
      for (let k = row + 1; k < n; k++) s -= (m[row * n + k] as number) * (x[k] as number);
      x[row] = s / (m[row * n + row] as number);
    }
  }
  return xs;
}

function swapRows(m: Float64Array, n: number, r1: number, r2: number): void {
  for (let k = 0; k < n; k++) swap(m, r1 * n + k, r2 * n + k);
}

function swap(values: Float64Array, i: number, j: number): void {
  const tmp = values[i] as number;
  values[i] = values[j] as number;
  values[j] = tmp;
}
