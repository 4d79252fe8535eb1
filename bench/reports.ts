// npm run bench:reports (tsx bench/reports.ts) — the pilot and ethical-health reports over a
// synthetic store of 2.3M members with a month of weekly decisions (9.2M decision rows), their
// messages, feedback events, orders, surveys and hand-overs. Prints seconds; asserts nothing.
//
// The database is built once by direct bulk inserts (secondary indexes dropped, then rebuilt)
// and kept under .tmp/ for the next run; delete it to rebuild. Sizes:
//   ATTUNE_BENCH_MEMBERS (default 2300000), ATTUNE_BENCH_WEEKS (weekly decision runs, default 4).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { createRng, type Rng } from '../src/core/random.js';
import { EXAMPLE_CONFIG_PATH, isInHoldout, loadConfig } from '../src/decide/index.js';
import { ethicsReport, pilotReport } from '../src/measure/reports/index.js';
import { openStore } from '../src/store/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MEMBERS = Number(process.env.ATTUNE_BENCH_MEMBERS ?? 2_300_000);
const WEEKS = Number(process.env.ATTUNE_BENCH_WEEKS ?? 4);
/** Attune went live on this Monday; the "before" window is as long as the "after". */
const PIVOT = Date.parse('2025-03-03T00:00:00Z');
const AFTER_END = PIVOT + WEEKS * 7 * DAY;
const BEFORE_START = PIVOT - WEEKS * 7 * DAY;
const VERSION = 'bench-reports-2';

/** The example brand's configuration: its holdout rule and caps (so `attune report --db` on this file agrees). */
const config = loadConfig(EXAMPLE_CONFIG_PATH);
const ACTIONS = ['new_arrivals_email', 'seasonal_highlights_email', 'post_delivery_check_in', 'we_miss_you_email'] as const;
const PROMOTIONAL = new Set(config.actions.filter((a) => a.promotional).map((a) => a.id));
const SEGMENTS = ['Champions', 'Loyal', 'Potential', 'New', 'At Risk', 'Hibernating'];
const ANGRY = 'This is the third time my order is late. Unacceptable!!! I want to speak to a manager.';
const CALM = 'Hi, could you tell me if the trail vest runs small? Thanks.';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, '.tmp', `${VERSION}-${MEMBERS}-${WEEKS}w.db`);

interface Writer {
  profile: BetterSqlite3.Statement;
  score: BetterSqlite3.Statement;
  event: BetterSqlite3.Statement;
  decision: BetterSqlite3.Statement;
  outbox: BetterSqlite3.Statement;
  task: BetterSqlite3.Statement;
  counts: Record<string, number>;
}

let eventSeq = 0;
function track(w: Writer, profileId: string, event: string, at: number, properties: Record<string, unknown>): void {
  const messageId = `ev${(++eventSeq).toString(36)}`;
  const payload = JSON.stringify({
    type: 'track', event, messageId, userId: profileId, timestamp: new Date(at).toISOString(), properties,
    context: { library: { name: 'analytics-node', version: '3.1.0' }, ip: '203.0.113.7' },
  });
  const dataClass = event === 'Order Completed' ? 'purchase' : event === 'Support Message' || event === 'Complaint Filed' ? 'service' : event === 'Survey Answered' ? 'stated' : 'engagement';
  w.event.run(messageId, profileId, 'track', event, dataClass, at, at + 2000, payload);
  w.counts.events = (w.counts.events ?? 0) + 1;
}

const REASONS = (action: string) => JSON.stringify([
  { code: 'eligibility.match', text: 'New gear just arrived in the categories you shop most.', detail: 'eligible: 1 condition(s), segment Loyal', dataClasses: ['purchase'] },
  { code: 'policy.expected_value', text: '', detail: `expected value 1.23 (success 4.2% × 24.00 − contact cost 0.78), chosen ${action}`, dataClasses: [] },
]);

function decide(w: Writer, rng: Rng, profileId: string, holdout: boolean, at: number, run: number): void {
  const decisionId = `${profileId}-${run}`;
  const u = rng.next();
  const insert = (action: string, channel: string | null, probability: number, candidates: string, rejections: string, policyKey: string | null) => {
    w.decision.run(decisionId, profileId, at, 'batch', action, channel, channel === null ? null : at + 8 * HOUR, probability, holdout ? 1 : 0,
      PROMOTIONAL.has(action) ? 1 : 0, policyKey, 'v1', REASONS(action), candidates, rejections,
      policyKey === null ? null : rng.next() < 0.03 ? 'reward' : 'none', policyKey === null ? null : at + 8 * DAY);
    w.counts.decisions = (w.counts.decisions ?? 0) + 1;
  };
  if (u < 0.004) {
    insert('human_outreach', null, 1, '[{"action":"human_outreach","channel":null,"probability":1,"expectedValue":0}]', '[]', null);
    const state = rng.next() < 0.4 ? 'angry' : 'frustrated';
    w.task.run(`task-${decisionId}`, profileId, decisionId, at, rng.next() < 0.8 ? 'resolved' : 'open', 2, 'handover.emotional',
      JSON.stringify({ who: { profileId }, whyNow: { code: 'handover.emotional' }, emotionalState: { state, intensity: 0.5 + 0.5 * rng.next() }, conversations: [{ direction: 'inbound', text: ANGRY }] }),
      null, null, at + DAY, 'resolved', null);
    w.counts.tasks = (w.counts.tasks ?? 0) + 1;
    return;
  }
  if (holdout || u > 0.4) {
    insert('silence', null, holdout ? 1 : 0.55, holdout ? '[{"action":"silence","channel":null,"probability":1,"expectedValue":0}]'
      : '[{"action":"new_arrivals_email","channel":"email","probability":0.45,"expectedValue":0.8},{"action":"silence","channel":null,"probability":0.55,"expectedValue":0}]',
    holdout ? '[]' : '[{"action":"we_miss_you_email","channel":null,"code":"eligibility.condition","text":"Not eligible."},{"action":"seasonal_highlights_email","channel":"email","code":"guardrail.cooldown.action","text":"At most once every 14 days."}]', null);
    return;
  }
  const v = rng.next();
  const action = ACTIONS[v < 0.5 ? 0 : v < 0.75 ? 1 : v < 0.875 ? 2 : 3];
  const channel = rng.next() < 0.85 ? 'email' : 'push';
  insert(action, channel, 0.45, `[{"action":"${action}","channel":"${channel}","probability":0.45,"expectedValue":0.8},{"action":"silence","channel":null,"probability":0.55,"expectedValue":0}]`, '[]', `${action}|segment:Loyal`);
  const sentAt = at + 8 * HOUR + Math.floor(rng.next() * HOUR);
  w.outbox.run(decisionId, profileId, action, channel, 'sent', PROMOTIONAL.has(action) ? 1 : 0, at + 8 * HOUR, 1, sentAt, null, null,
    JSON.stringify({ channel, subject: 'New arrivals for you', framing: 'new_arrivals', products: [{ id: 'sku-1', name: 'Trail vest', price: 89 }] }), at, sentAt, sentAt, `msg-${decisionId}`);
  w.counts.outbox = (w.counts.outbox ?? 0) + 1;
  const props = { decision_id: decisionId, campaign_id: action, channel };
  const email = channel === 'email';
  track(w, profileId, email ? 'Email Delivered' : 'Message Delivered', sentAt + 5000, props);
  if (rng.next() < 0.25) {
    track(w, profileId, email ? 'Email Opened' : 'Message Opened', sentAt + 2 * HOUR, props);
    if (rng.next() < 0.12) track(w, profileId, email ? 'Email Link Clicked' : 'Message Clicked', sentAt + 2 * HOUR + 60_000, props);
  }
  if (rng.next() < 0.002) track(w, profileId, 'Unsubscribed', sentAt + 5 * HOUR, { ...props, source: 'unsubscribe-link' });
  if (rng.next() < 0.0005) track(w, profileId, 'Email Marked as Spam', sentAt + 6 * HOUR, props);
  if (rng.next() < 0.0005) track(w, profileId, 'Support Message', sentAt + 7 * HOUR, { text: rng.next() < 0.5 ? ANGRY : CALM, direction: 'inbound', in_reply_to: decisionId });
  if (rng.next() < 0.015) order(w, rng, profileId, sentAt + DAY + Math.floor(rng.next() * 5 * DAY));
}

function order(w: Writer, rng: Rng, profileId: string, at: number): void {
  const revenue = Math.round((20 + 150 * rng.next()) * 100) / 100;
  track(w, profileId, 'Order Completed', at, { order_id: `o${eventSeq}`, revenue, currency: 'EUR', products: [{ product_id: 'sku-1', name: 'Trail vest', price: revenue, quantity: 1 }] });
  if (rng.next() < 0.2) track(w, profileId, 'Survey Answered', at + 7 * DAY, { survey: 'csat', score: 1 + Math.floor(5 * rng.next()) });
}

/** One member's whole synthetic history. */
function member(w: Writer, rng: Rng, index: number): void {
  const profileId = `p${index.toString(36).padStart(5, '0')}`;
  const holdout = isInHoldout(profileId, config.holdout);
  const firstSeen = rng.next() < 0.03 ? PIVOT + Math.floor(rng.next() * (AFTER_END - PIVOT)) : PIVOT - Math.floor(rng.next() * 3 * 365 * DAY);
  const stats = JSON.stringify({ orders: 3, revenue: 211.4, firstOrderAt: firstSeen, lastOrderAt: PIVOT - 40 * DAY, emailsDelivered: 31, emailsOpened: 9, emailsClicked: 2, categoryCounts: { socks: 2, 'trail-shoes': 1 }, surveys: {} });
  w.profile.run(profileId, firstSeen, firstSeen, '{"email":"member@example.com","firstName":"Alex"}', 'personalized', '{"email":true,"sms":false,"push":true,"in_app":true}', 'Europe/Berlin', stats);
  w.score.run(profileId, 'v1', PIVOT - DAY, JSON.stringify({ profileId, modelVersion: 'v1', segment: { name: SEGMENTS[index % SEGMENTS.length], reasons: [] }, churnRisk: 0.3, clv: 120 + (index % 50), topProducts: [{ productId: 'sku-1', name: 'Trail vest', score: 0.4 }] }));
  if (firstSeen < PIVOT) {
    // Business as usual before the pilot: one newsletter to everyone, and ordinary shopping.
    const blast = PIVOT - 14 * DAY + Math.floor(rng.next() * HOUR);
    track(w, profileId, 'Email Delivered', blast, { campaign_id: 'newsletter' });
    if (rng.next() < 0.2) track(w, profileId, 'Email Opened', blast + 3 * HOUR, { campaign_id: 'newsletter' });
    if (rng.next() < 0.02) track(w, profileId, 'Email Link Clicked', blast + 3 * HOUR + 60_000, { campaign_id: 'newsletter' });
    if (rng.next() < 0.001) track(w, profileId, 'Unsubscribed', blast + 4 * HOUR, { campaign_id: 'newsletter' });
  }
  for (const start of [BEFORE_START, PIVOT]) {
    const from = Math.max(start, firstSeen);
    if (from >= start + WEEKS * 7 * DAY) continue;
    if (rng.next() < 0.04) order(w, rng, profileId, from + Math.floor(rng.next() * (start + WEEKS * 7 * DAY - from)));
    if (rng.next() < 0.003) track(w, profileId, 'Survey Answered', from + DAY, { survey: 'nps', score: Math.floor(11 * rng.next()) });
    if (rng.next() < 0.003) {
      const angry = rng.next() < 0.3;
      track(w, profileId, 'Support Message', from + 2 * DAY, { text: angry ? ANGRY : CALM, direction: 'inbound', channel: 'chat' });
      if (angry && rng.next() < 0.2) track(w, profileId, 'Complaint Filed', from + 2 * DAY + HOUR, { reason: 'late_delivery' });
    }
  }
  for (let run = 0; run < WEEKS; run++) {
    const at = PIVOT + run * 7 * DAY + 2 * HOUR;
    if (firstSeen <= at) decide(w, rng, profileId, holdout, at, run);
  }
}

async function build(): Promise<void> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const store = await openStore(file);
  await store.close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as Array<{ name: string; sql: string }>;
  for (const { name } of indexes) db.exec(`drop index ${name}`);
  const w: Writer = {
    profile: db.prepare('insert into profiles values (?, ?, ?, ?, ?, ?, ?, ?)'),
    score: db.prepare('insert into profile_scores values (?, ?, ?, ?)'),
    event: db.prepare('insert into events (message_id, profile_id, type, event, data_class, timestamp, received_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?)'),
    decision: db.prepare('insert into decisions (decision_id, profile_id, decided_at, mode, action, channel, send_at, probability, holdout, promotional, policy_key, model_version, reasons, candidates, rejections, outcome, outcome_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    outbox: db.prepare('insert into outbox (decision_id, profile_id, action, channel, state, promotional, send_at, attempts, next_attempt_at, lease_until, last_error, message, created_at, updated_at, sent_at, provider_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    task: db.prepare('insert into tasks (task_id, profile_id, decision_id, created_at, state, priority, reason_code, context, claimed_by, claimed_at, resolved_at, outcome, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    counts: {},
  };
  const rng = createRng(20250303);
  const started = performance.now();
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) member(w, rng, i);
  });
  for (let from = 0; from < MEMBERS; from += 50_000) {
    chunk(from, Math.min(MEMBERS, from + 50_000));
    process.stderr.write(`\r  built ${Math.min(MEMBERS, from + 50_000).toLocaleString('en-US')} of ${MEMBERS.toLocaleString('en-US')} members`);
  }
  process.stderr.write(`\n  rows: ${JSON.stringify(w.counts)}; rebuilding ${indexes.length} indexes…\n`);
  for (const { sql } of indexes) db.exec(sql);
  db.prepare('insert into settings (key, value) values (?, ?)').run(VERSION, JSON.stringify({ members: MEMBERS, weeks: WEEKS, ...w.counts }));
  db.close();
  process.stderr.write(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`  ${label.padEnd(44)} ${seconds.toFixed(2)} s\n`);
  return { value, seconds };
}

async function main(): Promise<void> {
  if (!existsSync(file)) {
    process.stderr.write(`Building ${file} …\n`);
    await build();
  }
  const store = await openStore(file);
  try {
    const built = await store.db.selectFrom('settings').select('value').where('key', '=', VERSION).executeTakeFirst();
    if (built === undefined) throw new Error(`${file} is incomplete (an interrupted build?): delete it and run again`);
    process.stdout.write(`\nReports benchmark — ${file} (${(statSync(file).size / 1e9).toFixed(1)} GB), Node ${process.version}\n  data: ${built.value}\n\n`);
    const pilot = await timed('pilot report (before + after, 3 groups each)', () => pilotReport(store, { pivot: PIVOT, to: AFTER_END, config }));
    const ethics = await timed('ethics report (4 weeks, with segments)', () => ethicsReport(store, { from: PIVOT, to: AFTER_END, config }));
    const plain = await timed('ethics report (4 weeks, --no-segments)', () => ethicsReport(store, { from: PIVOT, to: AFTER_END, config, segments: false }));
    process.stdout.write(`  ${'pilot + ethics'.padEnd(44)} ${(pilot.seconds + ethics.seconds).toFixed(2)} s (${(pilot.seconds + plain.seconds).toFixed(2)} s without segments)\n\n`);
    const after = pilot.value.after.groups;
    process.stdout.write(`  after: treated ${after.treated.members} members, open rate ${after.treated.openRate?.toFixed(4)}, revenue/member/month ${after.treated.revenuePerMemberPerMonth?.toFixed(3)}; holdout ${after.holdout.members}, ${after.holdout.revenuePerMemberPerMonth?.toFixed(3)}\n`);
    process.stdout.write(`  ethics: ${ethics.value.overall.touches} AI touches, regret ${ethics.value.overall.regretRate?.toFixed(5)}, silence ${ethics.value.overall.silenceRate?.toFixed(4)} of ${ethics.value.overall.decisions} decisions, ${ethics.value.overall.chargedMoments} charged moments\n`);
  } finally {
    await store.close();
  }
}

await main();
