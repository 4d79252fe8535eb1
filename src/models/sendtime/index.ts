// Send-time and channel preference: a member's hour-of-week engagement profile smoothed toward
// their segment's (Dirichlet shrinkage, empirical Bayes), and Beta posteriors of engagement per
// channel. Pure numerics.
export * from './hours.js';
export * from './channel.js';
