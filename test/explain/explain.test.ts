import { describe, expect, it } from 'vitest';
import type { Decision, Reason } from '../../src/core/decision.js';
import { explainDecision } from '../../src/explain/explain.js';

const decision = (action: string, reasons: Reason[]): Decision => ({
  decisionId: 'd1', profileId: 'p1', decidedAt: 0, mode: 'batch', action, channel: 'email', sendAt: 0, probability: 1,
  holdout: false, promotional: true, reasons, candidates: [], rejections: [], policyKey: null, modelVersion: null,
});

const welcome: Reason = {
  code: 'eligibility.match', text: 'You recently joined Athena Circle, and we wanted to show you around.', detail: 'segment = new_members', dataClasses: ['inferred'],
};

describe('"Why was this recommended?"', () => {
  it('gives the reason and names the data it rests on when the tier allows that data', () => {
    const { text, dataClasses } = explainDecision(decision('welcome_email', [welcome]), 'proactive');
    expect(text).toMatch(/^You recently joined Athena Circle/);
    expect(text).toContain('patterns we see among members with similar purchases');
    expect(dataClasses).toEqual(['inferred']);
  });

  it('says what is true when the only reason rests on data the tier does not allow', () => {
    const { text, dataClasses } = explainDecision(decision('welcome_email', [welcome]), 'basic');
    expect(text).not.toContain('recently joined');
    expect(text).toMatch(/^This is a message we send to many of our members\. It was not based on your personal activity\./);
    expect(dataClasses).toEqual([]);
  });
});
