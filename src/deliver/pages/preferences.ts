// The preference page (`GET /u/{token}`): the consent tier, with what each tier uses, and the
// channel switches, saved by an ordinary form POST; and a one-click unsubscribe button that posts
// the same body as RFC 8058 mail clients do. Form targets are relative to the page URL, so the
// pages keep working when Attune is served under a path prefix.
import { CHANNELS, CONSENT_TIERS, DEFAULT_TIER, type Channel } from '../../core/index.js';
import type { Consent } from '../../consent/index.js';
import { html, layout, type HtmlPage } from './html.js';
import { CHANNEL_LABELS, CHANNEL_NOUNS, describeTier, TIER_LABELS } from './tiers.js';

export interface PreferencesView {
  /** The token of the page URL (`/u/{token}`). */
  token: string;
  consent: Consent;
  /** The channel the one-click button unsubscribes from. */
  channel: Channel;
  /** Set after a save (the POST redirects back with `?saved=1`). */
  saved: boolean;
}

export function renderPreferences(view: PreferencesView): HtmlPage {
  const { token, consent, channel } = view;
  const tiers = CONSENT_TIERS.map((tier) => {
    const id = `tier-${tier}`;
    const label = tier === DEFAULT_TIER ? `${TIER_LABELS[tier]} (the default)` : TIER_LABELS[tier];
    const checked = consent.tier === tier ? html` checked` : html``;
    return html`
<div class="choice">
<input type="radio" name="tier" id="${id}" value="${tier}" aria-describedby="${id}-uses"${checked}><label for="${id}">${label}</label>
<ul class="uses" id="${id}-uses">${describeTier(tier).map((sentence) => html`<li>${sentence}</li>`)}</ul>
</div>`;
  });
  const channels = CHANNELS.map((c) => {
    const checked = consent.channels[c] ? html` checked` : html``;
    return html`
<div class="choice"><input type="checkbox" name="channel" id="channel-${c}" value="${c}"${checked}><label for="channel-${c}">${CHANNEL_LABELS[c]}</label></div>`;
  });
  const saved = view.saved
    ? html`<p class="status" role="status">Your choices are saved. They apply from now on, including to messages already waiting to be sent.</p>`
    : html``;

  const body = html`${saved}
<p>Choose how much we may personalize what we send you, and where we may reach you. You can change this whenever you like.</p>
<form method="post" action="${token}/preferences">
<fieldset>
<legend>How much may we personalize?</legend>${tiers}
</fieldset>
<fieldset>
<legend>Where may we reach you?</legend>${channels}
</fieldset>
<p><button type="submit">Save my choices</button></p>
</form>
<h2>Unsubscribe</h2>
<form method="post" action="${token}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p>Stop all ${CHANNEL_NOUNS[channel]} from us with one click.</p>
<p><button type="submit" class="secondary">Unsubscribe from ${CHANNEL_NOUNS[channel]}</button></p>
</form>`;
  return layout('Your preferences', body);
}
