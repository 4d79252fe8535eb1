// Segmentation: standardize the behaviour features, cluster them (k-means++), name each cluster
// by the rules in naming.ts, and place a member in the nearest cluster with the reasons that put
// them there — the member's own standardized values on the conditions of the cluster's rule.
import { kMeans, nearestCentroid, type KMeansOptions } from './kmeans.js';
import { NAMING_RULES, NEW_MEMBER_DAYS, nameCluster, type SegmentLabel } from './naming.js';

export interface FeatureSpec {
  readonly name: string;
  /** What a high value means, in words ("spend in the last 12 months"). */
  readonly label: string;
}

export interface SegmentCluster {
  name: SegmentLabel;
  /** Score of the naming rule on the centroid (null: no rule applies). */
  ruleScore: number | null;
  /** Training members in the cluster. */
  size: number;
  /** Centroid in standard deviations from the training mean, by feature. */
  centroid: number[];
}

/** A fitted segmentation over one set of features (one per consent view, see understand/). */
export interface Segmentation {
  features: FeatureSpec[];
  means: number[];
  scales: number[];
  clusters: SegmentCluster[];
}

export type SegmentReasonCode = 'new_member' | 'feature' | 'nearest_cluster' | 'no_pattern' | 'no_allowed_data';

export interface SegmentReason {
  code: SegmentReasonCode;
  /** The feature behind a `feature` reason. */
  feature?: string;
  /** The member's value of that feature in standard deviations from the mean. */
  z?: number;
  text: string;
}

export interface SegmentAssignment {
  name: SegmentLabel;
  /** Index of the member's cluster in the segmentation, null when not clustered. */
  cluster: number | null;
  reasons: SegmentReason[];
}

/** Fits on raw feature rows (NaN = missing); rows with nothing present are left out. */
export function fitSegmentation(features: readonly FeatureSpec[], rows: readonly Float64Array[], options: Partial<KMeansOptions> = {}): Segmentation {
  const d = features.length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(1);
  for (let j = 0; j < d; j++) {
    const values = rows.map((row) => row[j] as number).filter((x) => !Number.isNaN(x));
    if (values.length === 0) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    means[j] = mean;
    scales[j] = sd > 1e-12 ? sd : 1;
  }
  const standardized = rows.map((row) => standardize(row, means, scales)).filter((row) => row.some((x) => !Number.isNaN(x)));
  if (standardized.length === 0) return { features: [...features], means, scales, clusters: [] };
  const result = kMeans(standardized, { ...options, k: Math.min(options.k ?? 8, standardized.length) });
  const clusters = result.centroids.map((centroid, c): SegmentCluster => {
    const zOf = (name: string) => zOfFeature(features, centroid, name);
    const { name, score } = nameCluster(zOf);
    return { name, ruleScore: score, size: result.sizes[c] as number, centroid: Array.from(centroid) };
  });
  return { features: [...features], means, scales, clusters };
}

export function standardize(row: ArrayLike<number>, means: readonly number[], scales: readonly number[]): Float64Array {
  const out = new Float64Array(means.length);
  for (let j = 0; j < means.length; j++) out[j] = ((row[j] as number) - (means[j] as number)) / (scales[j] as number);
  return out;
}

/** New Members by enrolment date; null when the member is not new (or the date is not allowed). */
export function newMemberAssignment(tenureDays: number | null): SegmentAssignment | null {
  if (tenureDays === null || tenureDays >= NEW_MEMBER_DAYS) return null;
  const days = Math.floor(tenureDays);
  return { name: 'New Members', cluster: null, reasons: [{ code: 'new_member', text: `joined ${days} day${days === 1 ? '' : 's'} ago` }] };
}

/** The nearest cluster for a raw feature row (in the segmentation's feature order). */
export function assignSegment(segmentation: Segmentation, row: ArrayLike<number>): SegmentAssignment {
  const z = standardize(row, segmentation.means, segmentation.scales);
  const { index } = nearestCentroid(z, segmentation.clusters.map((c) => c.centroid));
  if (index < 0) return { name: 'unknown', cluster: null, reasons: [{ code: 'no_allowed_data', text: 'no behaviour we may use is known yet' }] };
  const cluster = segmentation.clusters[index] as SegmentCluster;
  if (cluster.name === 'unknown') {
    return { name: 'unknown', cluster: index, reasons: [{ code: 'no_pattern', text: 'no behaviour pattern stands out' }] };
  }
  const rule = NAMING_RULES.find((r) => r.name === cluster.name);
  const reasons: SegmentReason[] = [];
  for (const condition of rule?.conditions ?? []) {
    const j = segmentation.features.findIndex((f) => f.name === condition.feature);
    const value = z[j];
    if (j < 0 || value === undefined || Number.isNaN(value)) continue;
    reasons.push({ code: 'feature', feature: condition.feature, z: value, text: describe(segmentation.features[j] as FeatureSpec, value) });
  }
  if (reasons.length === 0) reasons.push({ code: 'nearest_cluster', text: `behaves most like other ${cluster.name}` });
  return { name: cluster.name, cluster: index, reasons };
}

function zOfFeature(features: readonly FeatureSpec[], centroid: ArrayLike<number>, name: string): number | undefined {
  const j = features.findIndex((f) => f.name === name);
  return j < 0 ? undefined : (centroid[j] as number);
}

function describe(feature: FeatureSpec, z: number): string {
  const size = Math.abs(z) >= 1 ? 'well ' : '';
  const side = z >= 0 ? 'above' : 'below';
  return `${feature.label}: ${size}${side} average`;
}
