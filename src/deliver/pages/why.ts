// "Why was this recommended?" (`GET /why/{token}`): the explanation of the decision behind a
// message, in the words the decision engine gives. This page only presents them.
import type { Store } from '../../store/index.js';
import { html, layout, type HtmlPage } from './html.js';

/**
 * Provided by the decision engine: the plain-language explanation of a decision, citing only
 * data classes the member's tier allows, or undefined when there is none for this member (an
 * unknown decision, or one made for someone else). Paragraphs are separated by empty lines.
 */
export type ExplainDecision = (store: Store, decisionId: string, profileId: string) => Promise<string | undefined>;

const TITLE = 'Why was this recommended?';

/** `preferencesHref`: where the member can change what may be used. */
export function renderWhy(explanation: string, preferencesHref: string): HtmlPage {
  const paragraphs = explanation.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
  return layout(TITLE, html`${paragraphs.map((p) => html`<p>${p}</p>
`)}<p>You decide what we may use. <a href="${preferencesHref}">Change your preferences</a>.</p>`);
}

export function renderNoExplanation(): HtmlPage {
  return layout(TITLE, html`
<p>We cannot explain this message: we no longer keep the reasons for it, or it was not chosen for you personally.</p>`, 404);
}

/** The server runs without a decision engine to ask. */
export function renderExplanationsUnavailable(): HtmlPage {
  return layout(TITLE, html`
<p>Explanations are not available right now. Please try again later.</p>`, 503);
}
