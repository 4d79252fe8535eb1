// Segments over the consent views. Each tier sees a different set of behaviour features (a
// `personalized` member has no browsing features, a `basic` member none at all), so one
// segmentation is fitted per distinct feature set the tiers grant, on every sampled member whose
// tier grants at least those features — and a member is placed by the segmentation of their own
// tier's features. New Members are named by enrolment date first; a tier that grants no
// behaviour features leaves the member `unknown`.
import { CONSENT_TIERS, type DataClass } from '../core/index.js';
import {
  MODEL_INPUTS, SEGMENT_FEATURES, grantedClasses, segmentFeatures, tenureDays, viewOf, type ListPrice, type MemberSnapshot,
} from '../features/index.js';
import {
  NEW_MEMBER_DAYS, assignSegment, fitSegmentation, newMemberAssignment, type SegmentAssignment, type Segmentation,
} from '../models/segments/index.js';

export interface SegmentView {
  /** The behaviour classes whose features this segmentation uses. */
  classes: DataClass[];
  segmentation: Segmentation;
}

export interface SegmentsModel {
  views: SegmentView[];
}

export interface SegmentOptions {
  seed: number | string;
  /** Clusters per view (several may share a name). */
  k: number;
}

export const DEFAULT_SEGMENT_CLUSTERS = 8;

/** The distinct behaviour-class sets the tiers grant to segmentation (tiers granting none are left out). */
export function behaviourClassSets(): DataClass[][] {
  const sets = new Map<string, DataClass[]>();
  for (const tier of CONSENT_TIERS) {
    const classes = behaviourClasses(grantedClasses(tier, MODEL_INPUTS.segments));
    if (classes.length > 0) sets.set(classes.join(','), classes);
  }
  return [...sets.values()];
}

function behaviourClasses(classes: readonly DataClass[]): DataClass[] {
  const used = new Set<DataClass>(SEGMENT_FEATURES.map((f) => f.dataClass));
  return classes.filter((c) => used.has(c));
}

function featureIndices(classes: readonly DataClass[]): number[] {
  return SEGMENT_FEATURES.flatMap((f, j) => (classes.includes(f.dataClass) ? [j] : []));
}

const pick = (row: Float64Array, indices: readonly number[]): Float64Array => Float64Array.from(indices, (j) => row[j] as number);

export function trainSegments(sample: readonly MemberSnapshot[], now: number, listPrice: ListPrice, options: SegmentOptions): SegmentsModel {
  const members = sample.map((m) => viewOf(m, MODEL_INPUTS.segments)).filter((view) => {
    const days = tenureDays(view, now);
    return days === null || days >= NEW_MEMBER_DAYS;
  });
  const rows = members.map((view) => segmentFeatures(view, now, listPrice));
  const views = behaviourClassSets().map((classes): SegmentView => {
    const indices = featureIndices(classes);
    const training = rows.filter((_, i) => classes.every((c) => (members[i]?.classes ?? []).includes(c))).map((row) => pick(row, indices));
    const features = indices.map((j) => ({ name: SEGMENT_FEATURES[j]!.name, label: SEGMENT_FEATURES[j]!.label }));
    return { classes, segmentation: fitSegmentation(features, training, { seed: `${options.seed}:${classes.join(',')}`, k: options.k }) };
  });
  return { views };
}

export interface SegmentScore {
  assignment: SegmentAssignment;
  basis: DataClass[];
}

/** The segmentation (and its feature columns) a tier's members are placed by; worked out once per model. */
const byTier = new WeakMap<SegmentsModel, Map<string, { view: SegmentView; indices: number[] } | null>>();

function segmentationFor(model: SegmentsModel, classes: readonly DataClass[]): { view: SegmentView; indices: number[] } | null {
  let cache = byTier.get(model);
  if (cache === undefined) byTier.set(model, (cache = new Map()));
  const key = classes.join(',');
  let found = cache.get(key);
  if (found === undefined) {
    const behaviour = behaviourClasses(classes);
    const view = model.views.find((v) => v.classes.join(',') === behaviour.join(','));
    found = view === undefined || view.segmentation.clusters.length === 0 ? null : { view, indices: featureIndices(behaviour) };
    cache.set(key, found);
  }
  return found;
}

export function segmentOf(model: SegmentsModel, member: MemberSnapshot, now: number, listPrice: ListPrice): SegmentScore {
  const view = viewOf(member, MODEL_INPUTS.segments);
  const fresh = newMemberAssignment(tenureDays(view, now));
  if (fresh !== null) return { assignment: fresh, basis: ['identity'] };
  const match = segmentationFor(model, view.classes);
  if (match === null) {
    return { assignment: { name: 'unknown', cluster: null, reasons: [{ code: 'no_allowed_data', text: 'the consent tier allows no behaviour data for segments' }] }, basis: [] };
  }
  const row = pick(segmentFeatures(view, now, listPrice), match.indices);
  return { assignment: assignSegment(match.view.segmentation, row), basis: [...view.classes] };
}
