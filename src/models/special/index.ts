// Special functions for the models: log-gamma and log-beta come from @stdlib; the Gauss
// hypergeometric function and log-space arithmetic are ours.
export { default as gammaln } from '@stdlib/math-base-special-gammaln';
export { default as betaln } from '@stdlib/math-base-special-betaln';
export { hyp2f1, logHyp2f1, type Hyp2f1Options } from './hyp2f1.js';
export { logAddExp, logSubExp } from './log-space.js';
export { gaussLegendre, type QuadratureRule } from './gauss-legendre.js';
