import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessMessage, detectSignals, type SignalKind } from '../../../src/models/emotion/index.js';

const kinds = (text: string): SignalKind[] => detectSignals(text).map((signal) => signal.kind);

describe('detectSignals', () => {
  it('quotes the words that fired each signal', () => {
    const signals = detectSignals("This is the third time I'm writing and nobody answered!!!");
    expect(signals).toContainEqual(expect.objectContaining({ kind: 'repeat_contact', evidence: 'third time' }));
    expect(signals).toContainEqual(expect.objectContaining({ kind: 'waiting', evidence: 'nobody answered' }));
    expect(signals).toContainEqual(expect.objectContaining({ kind: 'repeated_punctuation', evidence: '!!!' }));
  });

  it('recognises requests for a person, threats and demands', () => {
    expect(kinds('Can I speak to a real person please')).toContain('human_request');
    expect(kinds('I want a live agent')).toContain('human_request');
    expect(kinds('how do I call customer service')).not.toContain('human_request');
    expect(kinds('I will never order from you again')).toContain('churn_threat');
    expect(kinds("I'm going to leave a 1-star review")).toContain('public_threat');
    expect(kinds('where can I leave a review?')).not.toContain('public_threat');
    expect(kinds('my lawyer will hear about this')).toContain('legal_threat');
    expect(kinds('I want my money back')).toContain('refund_demand');
    expect(kinds('please cancel my subscription')).toContain('cancel_demand');
    expect(kinds('I want to file a complaint')).toContain('complaint');
  });

  it('cites the words behind the sentiment score', () => {
    const [negative] = detectSignals('This is the worst, terrible service').filter((signal) => signal.kind === 'negative_sentiment');
    expect(negative?.evidence).toMatch(/^sentiment -0\.\d\d: worst, terrible$/);
  });

  it('detects shouting but not acronyms, and emoji moods VADER misses', () => {
    expect(kinds('WHERE IS MY ORDER')).toContain('shouting');
    expect(kinds('My PIN for the USA card')).not.toContain('shouting');
    expect(detectSignals('so annoying 😡')).toContainEqual(expect.objectContaining({ kind: 'emoji', supports: 'angry', evidence: '😡' }));
  });

  it('does not mistake politeness or sarcasm for gratitude', () => {
    expect(kinds('thank you in advance')).not.toContain('gratitude');
    expect(kinds('thanks for nothing')).not.toContain('gratitude');
    expect(kinds('thanks for nothing')).toContain('insult');
    expect(kinds('thank you, that fixed it')).toContain('gratitude');
  });
});

describe('assessMessage', () => {
  it('tells the five states apart', () => {
    expect(assessMessage('What are your opening hours on Sunday').state).toBe('calm');
    expect(assessMessage('Thank you so much, great service!').state).toBe('satisfied');
    expect(assessMessage("I'm worried my account was hacked").state).toBe('anxious');
    expect(assessMessage("It's been two weeks and I still haven't received my parcel").state).toBe('frustrated');
    expect(assessMessage('Useless company, I will never buy from you again!!!').state).toBe('angry');
  });

  it('gives calm no intensity and stronger wording a higher intensity', () => {
    expect(assessMessage('What are your opening hours on Sunday').intensity).toBe(0);
    const mild = assessMessage("I still haven't received my parcel");
    const strong = assessMessage("I STILL haven't received my parcel, third time I ask, this is RIDICULOUS!!!");
    expect(strong.intensity).toBeGreaterThan(mild.intensity);
  });

  it('lets a complaint outweigh politeness', () => {
    expect(assessMessage("Thanks, but I'm still waiting for my refund").state).toBe('frustrated');
  });

  it('treats swearing as emphasis: anger only when something is wrong', () => {
    expect(assessMessage('this is fucking awesome, thank you').state).toBe('satisfied');
    expect(assessMessage('how do I change my bloody address').state).not.toBe('angry');
    expect(assessMessage("my damn parcel still hasn't arrived").state).toBe('angry');
  });

  it('hands over to a person, with reasons, when asked, threatened, angry or very frustrated', () => {
    const asked = assessMessage('Can I talk to a human?');
    expect(asked.needsHuman).toBe(true);
    expect(asked.humanReasons[0]).toContain('asked for a person');
    expect(assessMessage('I will post this on twitter').needsHuman).toBe(true);
    expect(assessMessage('I want a refund').needsHuman).toBe(false);
    expect(assessMessage('Where is my order?').needsHuman).toBe(false);
    const waiting = 'Still no answer after three weeks, this is the third time I write';
    expect(assessMessage(waiting).needsHuman).toBe(true);
    expect(assessMessage(waiting, { needsHumanIntensity: 1.01 }).needsHuman).toBe(false);
  });

  it('always yields an intensity in [0, 1] and reasons exactly when a person is needed', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const { intensity, needsHuman, humanReasons } = assessMessage(text);
      return intensity >= 0 && intensity <= 1 && needsHuman === humanReasons.length > 0;
    }), { numRuns: 300 });
  });
});
