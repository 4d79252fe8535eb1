// A training run's models as stored artifacts (one per model: parameters, metrics, training
// window, data classes) and back. Typed arrays travel as plain JSON arrays.
import type { DataClass } from '../core/index.js';
import { MODEL_INPUTS, MODEL_NAMES, type ModelName } from '../features/index.js';
import type { ItemKnnParams, PopularityParams } from '../models/affinity/index.js';
import { DEFAULT_HALF_LIFE_MS, NEEDS_HUMAN_INTENSITY } from '../models/emotion/index.js';
import type { ModelArtifact } from '../store/index.js';
import type { AffinityModel } from './affinity.js';
import { HUMAN_WINDOW_MS } from './emotion.js';
import type { FitReport } from './fit.js';
import type { TrainedModels } from './models.js';
import type { SendTimeModel } from './sendtime.js';

export function dataClassesOf(model: ModelName): DataClass[] {
  return Object.keys(MODEL_INPUTS[model]) as DataClass[];
}

export function toArtifacts(models: TrainedModels, report: FitReport, extraMetrics: Partial<Record<ModelName, Record<string, unknown>>> = {}): ModelArtifact[] {
  const params: Record<ModelName, unknown> = {
    clv: models.clv,
    churn: models.churn,
    segments: models.segments,
    sendTime: {
      global: Array.from(models.sendTime.global),
      bySegment: Object.fromEntries(Object.entries(models.sendTime.bySegment).map(([k, v]) => [k, Array.from(v as Float64Array)])),
      concentration: models.sendTime.concentration,
    },
    channel: models.channel,
    affinity: affinityToJson(models.affinity),
    emotion: { halfLifeMs: DEFAULT_HALF_LIFE_MS, needsHumanIntensity: NEEDS_HUMAN_INTENSITY, humanWindowMs: HUMAN_WINDOW_MS },
  };
  const fitted: Partial<Record<ModelName, Record<string, unknown>>> = { clv: report.metrics.clv, churn: report.metrics.churn, affinity: report.metrics.affinity };
  return MODEL_NAMES.map((model) => ({
    model,
    version: models.version,
    trainedAt: models.trainedAt,
    window: model === 'churn' ? report.windows.churn : report.windows.default,
    dataClasses: dataClassesOf(model),
    params: params[model],
    metrics: { trainingMembers: report.members, ...fitted[model], ...extraMetrics[model] },
  }));
}

export function fromArtifacts(artifacts: readonly ModelArtifact[]): TrainedModels {
  const byModel = new Map(artifacts.map((a) => [a.model, a]));
  const params = <T>(model: ModelName): T => {
    const artifact = byModel.get(model);
    if (artifact === undefined) throw new Error(`training run ${artifacts[0]?.version ?? '?'} has no ${model} artifact`);
    return artifact.params as T;
  };
  const sendTime = params<{ global: number[]; bySegment: Record<string, number[]>; concentration: number }>('sendTime');
  const first = artifacts[0] as ModelArtifact;
  return {
    version: first.version,
    trainedAt: first.trainedAt,
    clv: params('clv'),
    churn: params('churn'),
    segments: params('segments'),
    sendTime: {
      global: Float64Array.from(sendTime.global),
      bySegment: Object.fromEntries(Object.entries(sendTime.bySegment).map(([k, v]) => [k, Float64Array.from(v)])) as SendTimeModel['bySegment'],
      concentration: sendTime.concentration,
    },
    channel: params('channel'),
    affinity: affinityFromJson(params('affinity')),
  };
}

interface AffinityJson {
  productIds: string[];
  items: number;
  itemKnn: { neighbourStart: number[]; neighbour: number[]; similarity: number[] } | null;
  popularity: { asOf: number; halfLifeDays: number; scores: number[] };
  weights: AffinityModel['params']['weights'];
}

function affinityToJson(model: AffinityModel): AffinityJson {
  const { itemKnn, popularity, weights, items } = model.params;
  return {
    productIds: model.productIds,
    items,
    itemKnn: itemKnn === null ? null : { neighbourStart: Array.from(itemKnn.neighbourStart), neighbour: Array.from(itemKnn.neighbour), similarity: Array.from(itemKnn.similarity) },
    popularity: { asOf: popularity.asOf, halfLifeDays: popularity.halfLifeDays, scores: Array.from(popularity.scores) },
    weights,
  };
}

function affinityFromJson(json: AffinityJson): AffinityModel {
  const itemKnn: ItemKnnParams | null = json.itemKnn === null ? null : {
    items: json.items,
    neighbourStart: Int32Array.from(json.itemKnn.neighbourStart),
    neighbour: Int32Array.from(json.itemKnn.neighbour),
    similarity: Float64Array.from(json.itemKnn.similarity),
  };
  const popularity: PopularityParams = { asOf: json.popularity.asOf, halfLifeDays: json.popularity.halfLifeDays, scores: Float64Array.from(json.popularity.scores) };
  return { productIds: json.productIds, params: { items: json.items, als: null, itemKnn, popularity, weights: json.weights } };
}
