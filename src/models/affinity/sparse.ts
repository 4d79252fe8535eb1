// A compressed sparse row (CSR) matrix: the member × product interaction matrix and its
// transpose. Memory is O(non-zeros), so the same code serves 4k × 4k and 1M × 100k.

export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row r holds entries rowStart[r] … rowStart[r + 1] − 1 (length rows + 1). */
  readonly rowStart: Int32Array;
  /** Column of each stored entry, ascending within a row. */
  readonly colIndex: Int32Array;
  /** Value of each stored entry (> 0). */
  readonly values: Float64Array;
}

/** One row of a CSR matrix as views (no copy). */
export interface SparseRow {
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

/**
 * Builds a rows × cols matrix from (row, col, value) triples. Duplicates are summed; cells whose
 * sum is not positive are dropped (a purchase fully cancelled leaves no interaction).
 */
export function csrFromTriples(
  rows: number,
  cols: number,
  rowOf: ArrayLike<number>,
  colOf: ArrayLike<number>,
  valueOf: ArrayLike<number>,
): CsrMatrix {
  const count = rowOf.length;
  if (colOf.length !== count || valueOf.length !== count) {
    throw new RangeError('csrFromTriples: row, column and value arrays differ in length');
  }
  // Counting sort by row, then sort each row by column and merge duplicates.
  const perRow = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) {
    const r = rowOf[k] as number;
    const c = colOf[k] as number;
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) {
      throw new RangeError(`csrFromTriples: entry ${k} (${r}, ${c}) is outside ${rows} × ${cols}`);
    }
    perRow[r + 1]! += 1;
  }
  for (let r = 0; r < rows; r++) perRow[r + 1]! += perRow[r]!;
  const cursor = perRow.slice(0, rows);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[cursor[rowOf[k] as number]!++] = k;

  const rowStart = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const entries = Array.from(order.subarray(perRow[r]!, perRow[r + 1]!));
    entries.sort((a, b) => (colOf[a] as number) - (colOf[b] as number));
    let i = 0;
    while (i < entries.length) {
      const c = colOf[entries[i]!] as number;
      let sum = 0;
      while (i < entries.length && colOf[entries[i]!] === c) sum += valueOf[entries[i++]!] as number;
      if (sum > 0) {
        colIndex.push(c);
        values.push(sum);
      }
    }
    rowStart[r + 1] = colIndex.length;
  }
  return { rows, cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/** The entries of row r. */
export function sparseRow(matrix: CsrMatrix, r: number): SparseRow {
  const start = matrix.rowStart[r]!;
  const end = matrix.rowStart[r + 1]!;
  return { cols: matrix.colIndex.subarray(start, end), values: matrix.values.subarray(start, end) };
}

/** The transpose, still in CSR form (so the columns of the input become rows). */
export function transpose(matrix: CsrMatrix): CsrMatrix {
  const { rows, cols, rowStart, colIndex, values } = matrix;
  const nnz = colIndex.length;
  const start = new Int32Array(cols + 1);
  for (let k = 0; k < nnz; k++) start[colIndex[k]! + 1]! += 1;
  for (let c = 0; c < cols; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, cols);
  const outIndex = new Int32Array(nnz);
  const outValues = new Float64Array(nnz);
  // Walking rows in order keeps each output row's column indices ascending.
  for (let r = 0; r < rows; r++) {
    for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) {
      const at = cursor[colIndex[k]!]!++;
      outIndex[at] = r;
      outValues[at] = values[k]!;
    }
  }
  return { rows: cols, cols: rows, rowStart: start, colIndex: outIndex, values: outValues };
}

/** Applies f to every stored value (e.g. a log confidence scale), keeping the pattern. */
export function mapValues(matrix: CsrMatrix, f: (value: number) => number): CsrMatrix {
  return { ...matrix, values: matrix.values.map(f) };
}
