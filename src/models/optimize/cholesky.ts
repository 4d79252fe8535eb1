// Solving A·x = b for a small symmetric positive-definite A (a Newton step's Hessian system),
// by Cholesky factorisation A = L·Lᵀ followed by two triangular solves.

/** Solution of A·x = b; throws RangeError when A is not positive definite. A is read, not changed. */
export function solveSymmetricPositiveDefinite(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const Li = L[i] as number[];
    for (let j = 0; j <= i; j++) {
      const Lj = L[j] as number[];
      let sum = (A[i] as readonly number[])[j] as number;
      for (let k = 0; k < j; k++) sum -= (Li[k] as number) * (Lj[k] as number);
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('matrix is not positive definite');
        Li[i] = Math.sqrt(sum);
      } else {
        Li[j] = sum / (Lj[j] as number);
      }
    }
  }
  // L·y = b, then Lᵀ·x = y.
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= ((L[i] as number[])[k] as number) * (y[k] as number);
    y[i] = sum / ((L[i] as number[])[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((L[k] as number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((L[i] as number[])[i] as number);
  }
  return x;
}
