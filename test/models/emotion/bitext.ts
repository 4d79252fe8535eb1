// The Bitext customer-service intent set (CDLA-Sharing-1.0) in ../shared/data/support, as a
// labelled set for "needs a human": intents `complaint` and `contact_human_agent` are
// positives, the other 25 intents (orders, refunds, accounts, delivery…) negatives.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedData } from '../../support/shared-data.js';

export const BITEXT_FILES = {
  training: 'Bitext_Sample_Customer_Service_Training_Dataset.csv',
  validation: 'Bitext_Sample_Customer_Service_Validation_Dataset.csv',
  testing: 'Bitext_Sample_Customer_Service_Testing_Dataset.csv',
} as const;

export const NEEDS_HUMAN_INTENTS: ReadonlySet<string> = new Set(['complaint', 'contact_human_agent']);

export interface LabelledUtterance {
  utterance: string;
  intent: string;
  needsHuman: boolean;
}

export function readBitext(split: keyof typeof BITEXT_FILES): LabelledUtterance[] {
  const rows: Array<{ utterance: string; intent: string }> = parse(readFileSync(sharedData('support', BITEXT_FILES[split]), 'utf8'), { columns: true });
  return rows.map(({ utterance, intent }) => ({ utterance, intent, needsHuman: NEEDS_HUMAN_INTENTS.has(intent) }));
}

export interface BinaryScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function binaryScores(labels: boolean[], predictions: boolean[]): BinaryScores {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  labels.forEach((label, k) => {
    if (predictions[k] && label) truePositives++;
    else if (predictions[k]) falsePositives++;
    else if (label) falseNegatives++;
  });
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
