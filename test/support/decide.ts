// Decision-engine fixtures for API tests: a config with one promotional action that is always
// worth sending, and a plain composer (the real one lives in src/compose).
import { parseConfig, type AttuneConfig, type Composer } from '../../src/decide/index.js';

export function alwaysWorthConfig(overrides: Record<string, unknown> = {}): AttuneConfig {
  return parseConfig({
    actions: [
      { id: 'promo', name: 'Promo', why: 'New things arrived.', channels: ['email'], template: 'new_arrivals', value: { kind: 'order' }, prior: { successes: 400, failures: 600 } },
    ],
    holdout: { share: 0 },
    guardrails: { quietHours: { start: '00:00', end: '00:00' } },
    timing: { defaultHour: 0 },
    economics: { averageOrderValue: 100, margin: 0.5 },
    ...overrides,
  });
}

export const plainComposer: Composer = ({ decision, action, view }) => ({
  message: {
    content: { channel: decision.channel, subject: action.name, html: `<p>${action.why}</p>`, text: action.why },
    tier: view.tier,
    unsubscribeUrl: `http://127.0.0.1:4000/u/test-${decision.decisionId}`,
  },
  held: false,
  holdReasons: [],
});
