// Measurement: did our actions change anything (lift, SRM, sequential, CUPED), which channels
// earned the conversions (attribution), and what would another policy have earned (OPE).
// Pure statistics: plain numbers and arrays in, numbers out.
export * from './lift.js';
export * from './sequential.js';
export * from './srm.js';
export * from './cuped.js';
export * from './attribution/index.js';
export * from './ope/index.js';
