// k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) on rows that may have missing
// values (NaN). Distances use the dimensions a row has, scaled up to all dimensions ("partial
// distance"), and a centroid's coordinate is the mean of the rows that have it — so a row is
// placed by what is known about it, never by an imputed value. Seeded and deterministic:
// the same rows, k and seed give the same clusters; the best of several restarts is kept.
import { createRng, randomInt, weightedIndex, type Rng } from '../../core/random.js';

export interface KMeansOptions {
  k: number;
  seed: number | string;
  /** Independent seedings; the run with the lowest inertia wins. */
  restarts: number;
  maxIterations: number;
}

export const DEFAULT_KMEANS_OPTIONS: KMeansOptions = { k: 8, seed: 1, restarts: 4, maxIterations: 100 };

export interface KMeansResult {
  /** k rows, complete (a dimension no member of the cluster has is 0, the standardized mean). */
  centroids: Float64Array[];
  assignments: Int32Array;
  sizes: number[];
  /** Sum of squared (partial, scaled) distances to the assigned centroids. */
  inertia: number;
  iterations: number;
}

/** Squared distance over the dimensions `row` has, scaled by dims / dims present; Infinity with none. */
export function partialDistance(row: ArrayLike<number>, centroid: ArrayLike<number>): number {
  let sum = 0;
  let present = 0;
  for (let j = 0; j < row.length; j++) {
    const x = row[j] as number;
    if (Number.isNaN(x)) continue;
    const d = x - (centroid[j] as number);
    sum += d * d;
    present++;
  }
  return present === 0 ? Number.POSITIVE_INFINITY : (sum * row.length) / present;
}

export function nearestCentroid(row: ArrayLike<number>, centroids: readonly ArrayLike<number>[]): { index: number; distance: number } {
  let index = -1;
  let distance = Number.POSITIVE_INFINITY;
  for (let c = 0; c < centroids.length; c++) {
    const d = partialDistance(row, centroids[c] as ArrayLike<number>);
    if (d < distance) {
      distance = d;
      index = c;
    }
  }
  return { index, distance };
}

/** Clusters rows (each with at least one value present) into at most k clusters. */
export function kMeans(rows: readonly Float64Array[], options: Partial<KMeansOptions> = {}): KMeansResult {
  const o = { ...DEFAULT_KMEANS_OPTIONS, ...options };
  if (rows.length === 0) throw new RangeError('k-means needs at least one row');
  const rng = createRng(o.seed);
  let best: KMeansResult | undefined;
  for (let restart = 0; restart < Math.max(1, o.restarts); restart++) {
    const result = lloyd(rows, seedCentroids(rows, o.k, rng), o.maxIterations);
    if (best === undefined || result.inertia < best.inertia) best = result;
  }
  return best as KMeansResult;
}

/** k-means++: each next centroid is a row drawn with probability ∝ its squared distance to the nearest centroid so far. */
function seedCentroids(rows: readonly Float64Array[], k: number, rng: Rng): Float64Array[] {
  const centroids = [completed(rows[randomInt(rng, rows.length)] as Float64Array)];
  const nearest = rows.map((row) => partialDistance(row, centroids[0] as Float64Array));
  while (centroids.length < k) {
    // Fewer distinct rows than k: stop with what there is.
    if (!nearest.some((d) => d > 0 && Number.isFinite(d))) break;
    const next = completed(rows[weightedIndex(rng, nearest.map((d) => (Number.isFinite(d) ? d : 0)))] as Float64Array);
    centroids.push(next);
    rows.forEach((row, i) => {
      nearest[i] = Math.min(nearest[i] as number, partialDistance(row, next));
    });
  }
  return centroids;
}

function completed(row: Float64Array): Float64Array {
  return row.map((x) => (Number.isNaN(x) ? 0 : x));
}

function lloyd(rows: readonly Float64Array[], initial: Float64Array[], maxIterations: number): KMeansResult {
  const dims = (rows[0] as Float64Array).length;
  let centroids = initial;
  const assignments = new Int32Array(rows.length).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    rows.forEach((row, i) => {
      const { index } = nearestCentroid(row, centroids);
      if (assignments[i] !== index) {
        assignments[i] = index;
        changed = true;
      }
    });
    if (!changed && iterations > 0) break;
    centroids = updateCentroids(rows, assignments, centroids, dims);
  }
  let inertia = 0;
  const sizes = new Array<number>(centroids.length).fill(0);
  rows.forEach((row, i) => {
    const c = assignments[i] as number;
    sizes[c] = (sizes[c] as number) + 1;
    inertia += partialDistance(row, centroids[c] as Float64Array);
  });
  return { centroids, assignments, sizes, inertia, iterations };
}

/** Per-dimension means of the present values; an emptied cluster keeps its previous centroid. */
function updateCentroids(rows: readonly Float64Array[], assignments: Int32Array, previous: Float64Array[], dims: number): Float64Array[] {
  const sums = previous.map(() => new Float64Array(dims));
  const counts = previous.map(() => new Float64Array(dims));
  const members = previous.map(() => 0);
  rows.forEach((row, i) => {
    const c = assignments[i] as number;
    members[c] = (members[c] as number) + 1;
    for (let j = 0; j < dims; j++) {
      const x = row[j] as number;
      if (Number.isNaN(x)) continue;
      sums[c]![j]! += x;
      counts[c]![j]! += 1;
    }
  });
  const next = previous.map((old, c) => {
    if (members[c] === 0) return old;
    const centroid = new Float64Array(dims);
    for (let j = 0; j < dims; j++) centroid[j] = counts[c]![j]! > 0 ? sums[c]![j]! / counts[c]![j]! : 0;
    return centroid;
  });
  return next;
}
