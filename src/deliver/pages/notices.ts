// The short pages: an unsubscribe confirmation, and the friendly answers to a link that does not
// work. None shows an error's details: a member gets what happened and what to do next.
import type { Channel } from '../../core/index.js';
import type { TokenError } from '../tokens.js';
import { html, layout, type HtmlPage } from './html.js';
import { CHANNEL_NOUNS } from './tiers.js';

/** After a one-click unsubscribe. `preferencesHref` leads back to the preference page. */
export function renderUnsubscribed(channel: Channel, preferencesHref: string): HtmlPage {
  return layout('You are unsubscribed', html`
<p class="status" role="status">We will not send you ${CHANNEL_NOUNS[channel]} any more. This took effect immediately, including for messages that were already waiting to be sent.</p>
<p>Changed your mind, or want to stop other messages too? <a href="${preferencesHref}">Change your preferences</a>.</p>`);
}

/** 410 for an expired link, 400 for a damaged, forged or misdirected one. */
export function renderTokenError(error: TokenError): HtmlPage {
  if (error.reason === 'expired') {
    return layout('This link has expired', html`
<p>Links in our messages stop working after a while, so that an old message cannot be used to change your choices.</p>
<p>Please use the link in a more recent message from us.</p>`, 410);
  }
  return layout('This link does not work', html`
<p>The link may have been cut short when it was copied, or changed on the way.</p>
<p>Please open it again from the message, making sure you use the whole link.</p>`, 400);
}

/** An expired click link whose target is authentic (it was signed): the member may still go there, knowingly. */
export function renderExpiredClick(url: string): HtmlPage {
  return layout('This link has expired', html`
<p>This link is from an older message. You can still continue to the page it pointed to:</p>
<p><a href="${url}">${new URL(url).host}</a></p>`, 410);
}

/** The token is genuine but the member's profile no longer exists (erased). */
export function renderNoProfile(): HtmlPage {
  return layout('We no longer hold your details', html`
<p>There is nothing to change: we do not hold any details about you any more, so we will not send you anything.</p>`, 410);
}

export function renderBadForm(message: string, backHref: string): HtmlPage {
  return layout('Please try again', html`
<p>${message}</p>
<p><a href="${backHref}">Back to your preferences</a></p>`, 400);
}

export function renderProblem(): HtmlPage {
  return layout('Something went wrong', html`
<p>Something went wrong on our side, and nothing was changed. Please try again in a few minutes.</p>`, 500);
}
