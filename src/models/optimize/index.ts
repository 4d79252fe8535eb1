export { minimizeNelderMead, type MinimizeResult, type NelderMeadOptions, type Objective } from './nelder-mead.js';
export { solveSymmetricPositiveDefinite } from './cholesky.js';
