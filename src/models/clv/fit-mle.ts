// Maximum-likelihood fitting shared by the lifetime-value models.
//
// All parameters of these models are positive, so the optimizer works on their logarithms:
// the search space becomes unconstrained and steps are relative (a step of 0.1 changes any
// parameter by about 10% whether it is 0.2 or 20). The objective is the mean negative
// log-likelihood plus the optional L2 penalty; the mean keeps tolerances independent of the
// number of customers.
import { minimizeNelderMead } from '../optimize/index.js';
import type { ModelFit } from './types.js';

export interface MleProblem<Name extends string> {
  /** Parameter names in the order of `start`. */
  names: readonly Name[];
  /** Starting point on the natural scale. */
  start: readonly number[];
  /** Total log-likelihood of the data; may return NaN for parameters it cannot evaluate. */
  logLikelihood: (params: Readonly<Record<Name, number>>) => number;
  /** Number of observations (customers). */
  n: number;
  penalizer: number;
}

export function fitMaximumLikelihood<Name extends string>(problem: MleProblem<Name>): ModelFit<Record<Name, number>> {
  const { names, n, penalizer } = problem;
  const toParams = (logTheta: readonly number[]): Record<Name, number> => {
    const params = {} as Record<Name, number>;
    names.forEach((name, i) => {
      params[name] = Math.exp(logTheta[i] as number);
    });
    return params;
  };
  const objective = (logTheta: readonly number[]): number => {
    const params = toParams(logTheta);
    let penalty = 0;
    for (const name of names) penalty += params[name] ** 2;
    return -problem.logLikelihood(params) / n + penalizer * penalty;
  };

  const best = minimizeNelderMead(objective, problem.start.map(Math.log));
  if (!Number.isFinite(best.value)) {
    throw new RangeError('maximum-likelihood fit failed: the likelihood is not finite near the starting point');
  }
  const params = toParams(best.x);
  return { params, logLikelihood: problem.logLikelihood(params), n, converged: best.converged };
}
