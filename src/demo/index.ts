// The demo (issue 7): the simulated Athena loyalty program run end to end under a baseline and
// under Attune, measured by the real reports. Results are always labelled simulated.
export { armTarget, DEMO_DEFAULTS, DEMO_POLICIES, DemoError, runDemo, type ArmTarget, type DemoOptions, type DemoPolicy, type DemoResult } from './run.js';
export { formatDemo } from './format.js';
export { BASELINE_POLICIES, baselineProgram, type BaselinePolicy, type BaselineProgram } from './baselines.js';
export { simulatedDelivery, type SimulatedDelivery } from './channel.js';
export { ingestSimulated, type SimIngestResult } from './ingest.js';
