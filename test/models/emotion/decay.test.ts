import { describe, expect, it } from 'vitest';
import { CALM_BELOW, currentState, DEFAULT_HALF_LIFE_MS, type StateObservation } from '../../../src/models/emotion/index.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('currentState', () => {
  it('halves an observation every half-life (default 24 hours)', () => {
    expect(DEFAULT_HALF_LIFE_MS).toBe(DAY);
    const angry: StateObservation[] = [{ at: 0, state: 'angry', intensity: 0.8 }];
    expect(currentState(angry, 0)).toMatchObject({ state: 'angry', intensity: 0.8 });
    expect(currentState(angry, DAY).intensity).toBeCloseTo(0.4, 12);
    expect(currentState(angry, 2 * DAY).intensity).toBeCloseTo(0.2, 12);
    expect(currentState(angry, 6 * HOUR, 6 * HOUR).intensity).toBeCloseTo(0.4, 12);
  });

  it('returns to calm once every state has decayed below the floor', () => {
    const frustrated: StateObservation[] = [{ at: 0, state: 'frustrated', intensity: 0.6 }];
    expect(currentState(frustrated, DAY).state).toBe('frustrated'); // 0.3
    const later = currentState(frustrated, 3 * DAY); // 0.075
    expect(later.state).toBe('calm');
    expect(later.intensity).toBe(0);
    expect(later.byState.frustrated).toBeLessThan(CALM_BELOW);
    expect(currentState([], 0)).toMatchObject({ state: 'calm', intensity: 0 });
  });

  it('reinforces repeated observations of the same state without exceeding 1', () => {
    const repeated: StateObservation[] = [0, 1, 2].map((k) => ({ at: k * HOUR, state: 'frustrated', intensity: 0.5 }));
    const { intensity } = currentState(repeated, 2 * HOUR);
    expect(intensity).toBeGreaterThan(0.5);
    expect(intensity).toBeLessThan(1);
  });

  it('lets a later satisfied message discharge earlier frustration, but not later frustration', () => {
    const resolved: StateObservation[] = [
      { at: 0, state: 'frustrated', intensity: 0.8 },
      { at: HOUR, state: 'satisfied', intensity: 0.75 },
    ];
    const result = currentState(resolved, HOUR);
    expect(result.state).toBe('satisfied');
    expect(result.byState.frustrated).toBeCloseTo(0.8 * 0.5 ** (1 / 24) * 0.25, 12);
    const relapsed: StateObservation[] = [...resolved, { at: 2 * HOUR, state: 'frustrated', intensity: 0.8 }];
    expect(currentState(relapsed, 2 * HOUR).state).toBe('frustrated');
  });

  it('ignores observations after now and does not depend on input order', () => {
    const observations: StateObservation[] = [
      { at: 5 * HOUR, state: 'angry', intensity: 0.9 },
      { at: 0, state: 'anxious', intensity: 0.5 },
      { at: 2 * HOUR, state: 'satisfied', intensity: 0.3 },
    ];
    expect(currentState(observations, 4 * HOUR).byState.angry).toBe(0);
    expect(currentState([...observations].reverse(), 6 * HOUR)).toEqual(currentState(observations, 6 * HOUR));
    expect(() => currentState(observations, 0, 0)).toThrow(RangeError);
  });
});
