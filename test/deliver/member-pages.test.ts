import { afterAll, beforeAll, expect, it } from 'vitest';
import { consentHistory } from '../../src/consent/index.js';
import { TIER_POLICY } from '../../src/core/index.js';
import { createEmailChannel } from '../../src/deliver/channels/index.js';
import { DATA_CLASS_WORDS, describeTier, messageLinks, type ExplainDecision } from '../../src/deliver/pages/index.js';
import { createTokenSigner, tokenSignerFor, type TokenSigner } from '../../src/deliver/tokens.js';
import { findProfileId } from '../../src/profiles/index.js';
import type { AttuneServer } from '../../src/server/app.js';
import { getProfile } from '../../src/store/index.js';
import { ingestRaw } from '../support/ingest.js';
import { adminHeaders } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';
import { accessibilityProblems, addMember, eventsNamed, memberServer } from './support/members.js';
import { startSmtpServer } from './support/smtp.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachStore('member pages', ({ store }) => {
  let server: AttuneServer;
  let signer: TokenSigner;
  let ada: string;
  const explained: Array<[string, string]> = [];
  const explain: ExplainDecision = async (_store, decisionId, profileId) => {
    explained.push([decisionId, profileId]);
    return decisionId === 'd-why' ? 'You told us you are training for a 10K.\n\nThese socks <wick> moisture on long runs.' : undefined;
  };

  beforeAll(async () => {
    server = await memberServer(store(), explain);
    signer = await tokenSignerFor(store());
    ada = await addMember(store(), 'ada', 'ada@example.com');
  });
  afterAll(() => server.close());

  const get = (url: string) => server.app.inject({ method: 'GET', url });
  const post = (url: string, payload: string, headers: Record<string, string> = form) => server.app.inject({ method: 'POST', url, payload, headers });
  const consentOf = async (profileId: string) => (await getProfile(store().db, profileId))!.consent;

  it('shows the preference page: current choices, what each tier uses, plain accessible HTML without tracking', async () => {
    const token = signer.issue({ purpose: 'unsubscribe', profileId: ada, decisionId: 'd-1', channel: 'email' });
    const response = await get(`/u/${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'/);
    expect(response.headers['set-cookie']).toBeUndefined();
    const html = response.body;
    expect(accessibilityProblems(html)).toEqual([]);
    expect(html).toMatch(/<input type="radio" name="tier" id="tier-basic" value="basic" aria-describedby="tier-basic-uses" checked>/);
    expect(html).toMatch(/id="channel-email" value="email" checked>/);
    expect(html).toMatch(/id="channel-sms" value="sms">/);
    expect(html).toContain(`<form method="post" action="${token}/preferences">`);
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    for (const sentence of describeTier('personalized')) expect(html).toContain(sentence);
  });

  it('describes each tier from TIER_POLICY, so the page cannot promise more than the engine does', () => {
    for (const tier of ['basic', 'personalized', 'proactive'] as const) {
      const text = describeTier(tier).join(' ');
      for (const [dataClass, use] of Object.entries(TIER_POLICY[tier])) {
        const words = DATA_CLASS_WORDS[dataClass as keyof typeof DATA_CLASS_WORDS];
        const sentence = describeTier(tier).find((s) => s.includes(words));
        expect(sentence, `${tier}/${dataClass}`).toBeDefined();
        const expected = { full: 'Used to choose and personalize', contact: 'Used only to reach you', caps: 'Used only to avoid writing', protect: 'Used only to protect you', none: 'Never used' }[use];
        expect(sentence, `${tier}/${dataClass}`).toContain(expected);
      }
      expect(text).not.toContain('undefined');
    }
    expect(describeTier('basic')).toContain('Never used: your orders, returns and points; the pages and products you viewed, your searches and your cart; our predictions about what you might need.');
  });

  it('unsubscribes with one click (RFC 8058) immediately, audited and recorded once', async () => {
    const bo = await addMember(store(), 'bo', 'bo@example.com');
    const token = signer.issue({ purpose: 'unsubscribe', profileId: bo, decisionId: 'd-7', channel: 'email' });
    const response = await post(`/u/${token}`, 'List-Unsubscribe=One-Click');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('We will not send you emails any more.');
    expect(accessibilityProblems(response.body)).toEqual([]);
    expect((await consentOf(bo)).channels.email).toBe(false);
    const history = await consentHistory(store().db, bo);
    expect(history.map((h) => h.source)).toEqual(['unsubscribe-link']);
    expect(await eventsNamed(store(), bo, 'Unsubscribed')).toMatchObject([{ properties: { channel: 'email', source: 'unsubscribe-link', decision_id: 'd-7' } }]);
    // A mail client posting twice changes nothing more.
    expect((await post(`/u/${token}`, 'List-Unsubscribe=One-Click')).statusCode).toBe(200);
    expect(await consentHistory(store().db, bo)).toHaveLength(1);
    expect(await eventsNamed(store(), bo, 'Unsubscribed')).toHaveLength(1);
  });

  it('accepts the multipart/form-data body RFC 8058 recommends, for the channel in the token', async () => {
    const cy = await addMember(store(), 'cy', 'cy@example.com');
    await ingestRaw(store(), [{ type: 'track', userId: 'cy', event: 'Subscribed', properties: { channel: 'sms' } }]);
    expect((await consentOf(cy)).channels.sms).toBe(true);
    const token = signer.issue({ purpose: 'unsubscribe', profileId: cy, channel: 'sms' });
    const body = '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n';
    const response = await post(`/u/${token}`, body, { 'content-type': 'multipart/form-data; boundary=XyZ' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('We will not send you text messages any more.');
    expect(await consentOf(cy)).toMatchObject({ channels: { sms: false, email: true } });
  });

  it('does not unsubscribe on a POST without the one-click body, nor on GET (link scanners)', async () => {
    const di = await addMember(store(), 'di', 'di@example.com');
    const token = signer.issue({ purpose: 'unsubscribe', profileId: di });
    expect((await get(`/u/${token}`)).statusCode).toBe(200);
    const response = await post(`/u/${token}`, 'unsubscribe=yes');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('use the button on your preferences page');
    expect((await consentOf(di)).channels.email).toBe(true);
  });

  it('saves the preference form with an audit trail, then shows the saved choices (post/redirect/get)', async () => {
    const ed = await addMember(store(), 'ed', 'ed@example.com');
    const token = signer.issue({ purpose: 'preferences', profileId: ed, decisionId: 'd-9' });
    const response = await post(`/u/${token}/preferences`, 'tier=proactive&channel=email&channel=push');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`../${token}?saved=1`);
    expect(new URL(response.headers.location as string, `http://x/u/${token}/preferences`).pathname).toBe(`/u/${token}`);
    expect(await consentOf(ed)).toEqual({ tier: 'proactive', channels: { email: true, sms: false, push: true, in_app: false } });
    expect((await consentHistory(store().db, ed)).map((h) => h.source)).toEqual(['preference-page']);
    // in_app was on by default and is now off: that is an unsubscribe the loop should learn from.
    expect(await eventsNamed(store(), ed, 'Unsubscribed')).toMatchObject([{ properties: { channel: 'in_app', source: 'preference-page' } }]);
    const page = await get(`/u/${token}?saved=1`);
    expect(page.body).toContain('role="status">Your choices are saved.');
    expect(page.body).toMatch(/id="tier-proactive" value="proactive" aria-describedby="tier-proactive-uses" checked>/);

    const invalid = await post(`/u/${token}/preferences`, 'tier=everything&channel=sms');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Please choose one of the options');
    expect((await consentOf(ed)).tier).toBe('proactive');
  });

  it('answers "Why was this recommended?" with the engine\'s explanation, escaped, and a preferences link', async () => {
    const token = signer.issue({ purpose: 'why', profileId: ada, decisionId: 'd-why', channel: 'email' });
    const response = await get(`/why/${token}`);
    expect(response.statusCode).toBe(200);
    expect(explained.at(-1)).toEqual(['d-why', ada]);
    expect(response.body).toContain('<p>You told us you are training for a 10K.</p>\n<p>These socks &#60;wick&#62; moisture on long runs.</p>');
    expect(accessibilityProblems(response.body)).toEqual([]);
    const link = /<a href="\.\.\/u\/([^"]+)">Change your preferences<\/a>/.exec(response.body)?.[1];
    expect(signer.verify(link!, ['preferences']).profileId).toBe(ada);

    const unknown = await get(`/why/${signer.issue({ purpose: 'why', profileId: ada, decisionId: 'd-other' })}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We cannot explain this message');
    const withoutEngine = await memberServer(store());
    try {
      const unavailable = await withoutEngine.app.inject({ method: 'GET', url: `/why/${token}` });
      expect(unavailable.statusCode).toBe(503);
      expect(unavailable.headers['content-type']).toBe('text/html; charset=utf-8');
    } finally {
      await withoutEngine.close();
    }
  });

  it('gives bad, expired, forged and misdirected tokens a friendly page, never a stack trace', async () => {
    const expired = signer.issue({ purpose: 'unsubscribe', profileId: ada, exp: Math.floor(Date.now() / 1000) - 1 });
    const forged = createTokenSigner(['f'.repeat(40)]).issue({ purpose: 'unsubscribe', profileId: ada });
    const click = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd', url: 'https://athena.example/' });
    const cases: Array<[string, 'GET' | 'POST', number, string]> = [
      [`/u/${expired}`, 'GET', 410, 'This link has expired'],
      [`/u/${expired}`, 'POST', 410, 'This link has expired'],
      [`/u/${forged}`, 'GET', 400, 'This link does not work'],
      [`/u/${forged}`, 'POST', 400, 'This link does not work'],
      [`/u/${click}`, 'GET', 400, 'This link does not work'],
      [`/why/${signer.issue({ purpose: 'preferences', profileId: ada })}`, 'GET', 400, 'This link does not work'],
      ['/u/not-a-token', 'GET', 400, 'This link does not work'],
      [`/u/${'x'.repeat(5000)}.y`, 'GET', 400, 'This link does not work'],
      [`/u/${forged}/preferences`, 'POST', 400, 'This link does not work'],
    ];
    for (const [url, method, status, title] of cases) {
      const response = method === 'GET' ? await get(url) : await post(url, 'List-Unsubscribe=One-Click');
      expect(response.statusCode, `${method} ${url.slice(0, 40)}`).toBe(status);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain(`<h1>${title}</h1>`);
      expect(response.body).not.toMatch(/Error|at .*\.ts|stack/);
      expect(accessibilityProblems(response.body)).toEqual([]);
    }
    expect((await consentOf(ada)).channels.email).toBe(true);
  });

  it('follows merges to the surviving profile, and says so kindly when the member was erased', async () => {
    await ingestRaw(store(), [{ type: 'track', anonymousId: 'anon-fay', event: 'Product Viewed' }]);
    const anonymous = (await findProfileId(store().db, 'anonymousId', 'anon-fay'))!;
    const fay = await addMember(store(), 'fay', 'fay@example.com');
    await ingestRaw(store(), [{ type: 'identify', userId: 'fay', anonymousId: 'anon-fay' }]);
    const survivor = (await findProfileId(store().db, 'anonymousId', 'anon-fay'))!;
    expect(survivor).toBe(fay);
    expect(anonymous).not.toBe(fay);
    const token = signer.issue({ purpose: 'unsubscribe', profileId: anonymous });
    expect((await post(`/u/${token}`, 'List-Unsubscribe=One-Click')).statusCode).toBe(200);
    expect((await consentOf(fay)).channels.email).toBe(false);

    const erased = await server.app.inject({ method: 'DELETE', url: `/v1/profiles/profileId/${fay}`, headers: adminHeaders });
    expect(erased.statusCode).toBe(200);
    const gone = await get(`/u/${signer.issue({ purpose: 'preferences', profileId: fay })}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('We no longer hold your details');
  });

  it('end to end: the List-Unsubscribe URL of a sent email unsubscribes its recipient with one POST', async () => {
    const gil = await addMember(store(), 'gil', 'gil@example.com');
    const smtp = await startSmtpServer();
    const email = createEmailChannel({ smtpUrl: smtp.url, from: 'hello@athena.example' });
    try {
      const links = messageLinks(signer, 'https://attune.athena.example/', { profileId: gil, decisionId: 'd-e2e', channel: 'email' });
      const sent = await email.send({
        idempotencyKey: 'd-e2e', channel: 'email', profileId: gil, to: 'gil@example.com', subject: 'New arrivals',
        text: `New arrivals. Unsubscribe: ${links.unsubscribeUrl}`, unsubscribeUrl: links.unsubscribeUrl, metadata: {},
      });
      expect(sent.status).toBe('sent');
      const listed = (smtp.received[0]!.parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
      const url = new URL(listed);
      expect(url.origin).toBe('https://attune.athena.example');
      expect((await post(url.pathname, 'List-Unsubscribe=One-Click')).statusCode).toBe(200);
      expect((await consentOf(gil)).channels.email).toBe(false);
      expect(await eventsNamed(store(), gil, 'Unsubscribed')).toMatchObject([{ properties: { decision_id: 'd-e2e' } }]);
    } finally {
      await email.close();
      await smtp.close();
    }
  });
});
