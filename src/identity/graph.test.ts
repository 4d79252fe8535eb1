import { describe, expect, it } from 'vitest';
import { IdentityGraph } from './graph.js';
import { extractIdentifiers, type Identifier } from './identifiers.js';

const id = (type: Identifier['type'], value: string): Identifier => ({ type, value });

function sequentialIds() {
  let n = 0;
  return () => `p${++n}`;
}

describe('identity resolution', () => {
  it('creates one profile for a new visitor and reuses it for later events', () => {
    const graph = new IdentityGraph();
    const next = sequentialIds();
    const first = graph.resolve([id('anonymousId', 'a1')], 'page', next);
    expect(first.operations).toEqual([{ kind: 'create', profileId: 'p1' }, { kind: 'attach', profileId: 'p1', identifier: id('anonymousId', 'a1') }]);
    expect(graph.resolve([id('anonymousId', 'a1')], 'track', next).profileId).toBe('p1');
  });

  it('joins an anonymous session to the member at login (identify with both ids)', () => {
    const graph = new IdentityGraph();
    const next = sequentialIds();
    graph.resolve([id('anonymousId', 'a1')], 'page', next);
    const login = graph.resolve([id('userId', 'u1'), id('email', 'ann@example.com'), id('anonymousId', 'a1')], 'identify', next);
    expect(login.profileId).toBe('p1');
    expect(graph.identifiersOf('p1').map((i) => i.type).sort()).toEqual(['anonymousId', 'email', 'userId']);
  });

  it('merges two known profiles, the higher-priority identifier deciding the survivor', () => {
    const graph = new IdentityGraph();
    const next = sequentialIds();
    graph.resolve([id('anonymousId', 'phone-app')], 'screen', next); // p1
    graph.resolve([id('userId', 'u1')], 'identify', next); // p2
    const result = graph.resolve([id('userId', 'u1'), id('anonymousId', 'phone-app')], 'identify', next);
    expect(result.profileId).toBe('p2');
    expect(result.operations).toContainEqual({ kind: 'merge', into: 'p2', from: 'p1', cause: 'identify', identifierType: 'anonymousId' });
    expect(graph.profileOf(id('anonymousId', 'phone-app'))).toBe('p2');
  });

  it('never merges two profiles that carry different userIds', () => {
    const graph = new IdentityGraph();
    const next = sequentialIds();
    graph.resolve([id('userId', 'u1'), id('anonymousId', 'shared-tablet')], 'identify', next); // p1
    const other = graph.resolve([id('userId', 'u2'), id('anonymousId', 'shared-tablet')], 'identify', next);
    expect(other.profileId).toBe('p2');
    expect(other.operations.some((op) => op.kind === 'merge')).toBe(false);
    expect(graph.profileOf(id('anonymousId', 'shared-tablet'))).toBe('p1');
    // An email seen with both users' devices does not bridge them either.
    graph.resolve([id('email', 'x@example.com'), id('userId', 'u1')], 'identify', next);
    const bridge = graph.resolve([id('email', 'x@example.com'), id('deviceId', 'd9')], 'track', next);
    expect(bridge.profileId).toBe('p1');
    const attempt = graph.resolve([id('userId', 'u2'), id('email', 'x@example.com')], 'identify', next);
    expect(attempt.profileId).toBe('p2');
    expect(attempt.operations.some((op) => op.kind === 'merge')).toBe(false);
  });

  it('caps identifiers per type and says so', () => {
    const graph = new IdentityGraph();
    const next = sequentialIds();
    graph.resolve([id('userId', 'u1')], 'identify', next);
    for (let i = 0; i < 5; i++) graph.resolve([id('userId', 'u1'), id('email', `e${i}@example.com`)], 'identify', next);
    const sixth = graph.resolve([id('userId', 'u1'), id('email', 'e5@example.com')], 'identify', next);
    expect(sixth.operations).toContainEqual({ kind: 'skip', identifier: id('email', 'e5@example.com'), reason: 'cap' });
    expect(graph.profileOf(id('email', 'e5@example.com'))).toBeUndefined();
  });
});

describe('identifier extraction', () => {
  it('reads ids from the message, identify traits, context traits and the device, normalised', () => {
    const identifiers = extractIdentifiers({
      userId: 42,
      anonymousId: 'anon-1',
      traits: { email: '  Ann@Example.COM ', phone: '(415) 555-0132' },
      context: { device: { id: 'dev-7' }, traits: { loyaltyId: 'L-1' } },
    });
    expect(identifiers).toEqual([
      id('userId', '42'),
      id('loyaltyId', 'L-1'),
      id('email', 'ann@example.com'),
      id('phone', '+14155550132'),
      id('deviceId', 'dev-7'),
      id('anonymousId', 'anon-1'),
    ]);
  });

  it('ignores junk identifiers that would merge strangers', () => {
    for (const junk of ['null', 'undefined', '0', 'anonymous', '', '  ', 'NULL']) {
      expect(extractIdentifiers({ userId: junk, anonymousId: junk })).toEqual([]);
    }
    expect(extractIdentifiers({ traits: { email: 'not-an-email' } })).toEqual([]);
  });
});
