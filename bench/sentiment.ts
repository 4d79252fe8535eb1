// Throughput of the VADER scorer and the emotion detector (single thread).
//   npx tsx bench/sentiment.ts
// Prints documents per wall-clock second and per CPU-second (steadier on a shared machine).
// Reference point: vaderSentiment (Python) scores 24–34k documents/s (REFERENCES.md).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { assessMessage } from '../src/models/emotion/index.js';
import { polarityScores } from '../src/models/sentiment/index.js';
import { hasSharedData, sharedData } from '../test/support/shared-data.js';

const ROUNDS = 7;
const MIN_ROUND_MS = 500;

interface Rate {
  /** documents per wall-clock second */
  wall: number;
  /** documents per second of this process's CPU time: steadier when other work shares the machine */
  cpu: number;
}

/** Median rates over several rounds, each repeating the corpus for at least MIN_ROUND_MS. */
function documentsPerSecond(texts: string[], score: (text: string) => unknown): Rate {
  for (const text of texts) score(text); // warm-up: JIT and lazy regex compilation
  const rounds: Rate[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let documents = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < MIN_ROUND_MS) {
      for (const text of texts) score(text);
      documents += texts.length;
      elapsed = performance.now() - start;
    }
    const cpu = process.cpuUsage(cpuStart);
    rounds.push({ wall: (documents / elapsed) * 1000, cpu: (documents / (cpu.user + cpu.system)) * 1e6 });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(rounds.map((r) => r.wall)), cpu: median(rounds.map((r) => r.cpu)) };
}

const format = (rate: number) => Math.round(rate).toLocaleString('en-US').padStart(9);

function report(label: string, texts: string[], score: (text: string) => unknown): void {
  const { wall, cpu } = documentsPerSecond(texts, score);
  console.log(`${label.padEnd(50)} ${format(wall)} docs/s  ${format(cpu)} docs/CPU-s  (${texts.length.toLocaleString('en-US')} docs)`);
}

const tweetsFile = sharedData('sentiment', 'tweets_GroundTruth.txt');
const bitextFile = sharedData('support', 'Bitext_Sample_Customer_Service_Training_Dataset.csv');
if (!hasSharedData('sentiment', 'tweets_GroundTruth.txt')) {
  console.log(`skipped: ${tweetsFile} not found (set ATTUNE_SHARED_DATA)`);
} else {
  const tweets = readFileSync(tweetsFile, 'utf8').split(/\r?\n/).filter(Boolean).map((line) => line.split('\t')[2]!);
  console.log(`node ${process.version}, single thread, median of ${ROUNDS} rounds`);
  report('VADER polarityScores, tweets', tweets, polarityScores);
  report('emotion assessMessage, tweets', tweets, assessMessage);
  if (hasSharedData('support', 'Bitext_Sample_Customer_Service_Training_Dataset.csv')) {
    const rows: Array<{ utterance: string }> = parse(readFileSync(bitextFile, 'utf8'), { columns: true });
    report('emotion assessMessage, Bitext support utterances', rows.map(({ utterance }) => utterance), assessMessage);
  }
}
