import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageLinks, publicBaseUrl } from '../../src/deliver/pages/index.js';
import { createTokenSigner, resolveTokenSecrets, TokenError, tokenSignerFor, type TokenClaims } from '../../src/deliver/tokens.js';
import { getSetting } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';

const SECRET = 's'.repeat(40);
const NOW = Date.UTC(2026, 5, 1);
const signer = createTokenSigner([SECRET]);

function failure(fn: () => unknown): TokenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('expected a TokenError');
}

describe('member tokens', () => {
  it('round-trips the claims in a URL-safe token that expires by purpose', () => {
    const token = signer.issue({ purpose: 'click', profileId: 'p-1', decisionId: 'd-1', channel: 'email', url: 'https://athena.example/socks?utm=x&y=ü' }, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(signer.verify(token, ['click'], NOW)).toEqual({
      purpose: 'click', profileId: 'p-1', decisionId: 'd-1', channel: 'email', url: 'https://athena.example/socks?utm=x&y=ü', exp: NOW / 1000 + 90 * 86400,
    });
    const unsubscribe = signer.issue({ purpose: 'unsubscribe', profileId: 'p-1' }, NOW);
    expect(signer.verify(unsubscribe, ['unsubscribe'], NOW).exp).toBe(NOW / 1000 + 365 * 86400);
  });

  it('says clearly why a token is refused: expired, forged, malformed, or meant for another page', () => {
    const token = signer.issue({ purpose: 'why', profileId: 'p-1', decisionId: 'd-1', exp: NOW / 1000 + 60 }, NOW);
    const expired = failure(() => signer.verify(token, ['why'], NOW + 60_000));
    expect(expired.reason).toBe('expired');
    expect(expired.claims?.decisionId).toBe('d-1');
    expect(failure(() => signer.verify(token, ['click'], NOW))).toMatchObject({ reason: 'wrong_purpose', claims: { purpose: 'why' } });

    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherMember = Buffer.from(JSON.stringify({ ...claims, s: 'p-2' })).toString('base64url');
    expect(failure(() => signer.verify(`${otherMember}.${mac}`, ['why'], NOW))).toMatchObject({ reason: 'forged', claims: undefined });
    expect(failure(() => createTokenSigner(['t'.repeat(40)]).verify(token, ['why'], NOW)).reason).toBe('forged');
    for (const bad of ['', 'abc', 'a.b.c', `${payload}.`, `${payload}.${mac}!`, `${payload}.${mac}`.repeat(40)]) {
      expect(failure(() => signer.verify(bad, ['why'], NOW)).reason, bad.slice(0, 20)).toBe('malformed');
    }
  });

  it('refuses any change to a token', () => {
    const token = signer.issue({ purpose: 'unsubscribe', profileId: 'p-1', channel: 'sms' }, NOW);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCabc019-_'), (at, replacement) => {
        fc.pre(token[at] !== replacement && token[at] !== '.');
        const changed = token.slice(0, at) + replacement + token.slice(at + 1);
        // Including the last character, whose spare bits would decode to the same MAC bytes.
        expect(failure(() => signer.verify(changed, ['unsubscribe'], NOW)).reason).toBe('forged');
      }),
      { numRuns: 300 },
    );
    // The MAC's last character carries two spare bits: a variant that decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variant = token.slice(0, -1) + alphabet[alphabet.indexOf(token.at(-1)!) + 1];
    expect(Buffer.from(variant.split('.')[1]!, 'base64url')).toEqual(Buffer.from(token.split('.')[1]!, 'base64url'));
    expect(failure(() => signer.verify(variant, ['unsubscribe'], NOW)).reason).toBe('forged');
  });

  it('refuses to make tokens that could redirect anywhere or lack their decision', () => {
    expect(() => signer.issue({ purpose: 'click', profileId: 'p', decisionId: 'd', url: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => signer.issue({ purpose: 'click', profileId: 'p', decisionId: 'd' })).toThrow(/url/);
    expect(() => signer.issue({ purpose: 'why', profileId: 'p' })).toThrow(/decisionId/);
    expect(() => signer.issue({ purpose: 'unsubscribe', profileId: 'p', url: 'https://x.example' } as TokenClaims)).toThrow(/url/);
  });

  it('verifies with every configured secret and signs with the first (rotation)', () => {
    const old = createTokenSigner(['o'.repeat(40)]).issue({ purpose: 'preferences', profileId: 'p' }, NOW);
    const rotated = createTokenSigner([SECRET, 'o'.repeat(40)]);
    expect(rotated.verify(old, ['preferences'], NOW).profileId).toBe('p');
    expect(signer.verify(rotated.issue({ purpose: 'preferences', profileId: 'p' }, NOW), ['preferences'], NOW).profileId).toBe('p');
  });
});

describe('message links', () => {
  it('carries one token per purpose, under the public base URL', () => {
    const links = messageLinks(signer, 'https://brand.example/attune/', { profileId: 'p-1', decisionId: 'd-1', channel: 'sms' }, NOW);
    const tokenOf = (url: string, prefix: string, suffix = '') => {
      expect(url.startsWith(`https://brand.example/attune/${prefix}/`)).toBe(true);
      return url.slice(`https://brand.example/attune/${prefix}/`.length, url.length - suffix.length);
    };
    expect(signer.verify(tokenOf(links.unsubscribeUrl, 'u'), ['unsubscribe'], NOW)).toMatchObject({ profileId: 'p-1', decisionId: 'd-1', channel: 'sms' });
    expect(signer.verify(tokenOf(links.preferencesUrl, 'u'), ['preferences'], NOW).purpose).toBe('preferences');
    expect(signer.verify(tokenOf(links.whyUrl, 'why'), ['why'], NOW).decisionId).toBe('d-1');
    expect(signer.verify(tokenOf(links.openPixelUrl, 'o', '.gif'), ['open'], NOW).purpose).toBe('open');
    expect(signer.verify(tokenOf(links.click('https://brand.example/socks'), 'c'), ['click'], NOW).url).toBe('https://brand.example/socks');
  });

  it('requires https for the public URL, except on this machine', () => {
    expect(publicBaseUrl('https://attune.brand.example/')).toBe('https://attune.brand.example');
    expect(publicBaseUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(() => publicBaseUrl('http://attune.brand.example')).toThrow(/https/);
    expect(() => publicBaseUrl('attune.brand.example')).toThrow(/ATTUNE_PUBLIC_URL/);
    expect(() => publicBaseUrl('https://attune.brand.example/?x=1')).toThrow(/query/);
  });
});

describeEachStore('token secrets', ({ store }) => {
  it('uses ATTUNE_TOKEN_SECRET when set, and refuses short secrets', async () => {
    expect(await resolveTokenSecrets(store(), { ATTUNE_TOKEN_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(32)}` })).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    await expect(resolveTokenSecrets(store(), { ATTUNE_TOKEN_SECRET: 'short' })).rejects.toThrow(/at least 32/);
    expect(await getSetting(store().db, 'member_token_secret')).toBeUndefined();
  });

  it('otherwise generates one secret, keeps it in the settings, and reuses it', async () => {
    const [first] = await resolveTokenSecrets(store(), {});
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await resolveTokenSecrets(store(), {})).toEqual([first]);
    expect(await getSetting(store().db, 'member_token_secret')).toBe(first);
    const shared = await tokenSignerFor(store(), {});
    expect(await tokenSignerFor(store(), {})).toBe(shared);
    expect(createTokenSigner([first!]).verify(shared.issue({ purpose: 'preferences', profileId: 'p' }), ['preferences']).profileId).toBe('p');
  });
});
