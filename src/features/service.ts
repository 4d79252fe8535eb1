// What the member recently wrote to customer service, for the emotional state. Service data is
// read only at `protect` use (see inputs.ts): the state it yields may suppress promotions or
// route the member to a person, and nothing else.
import type { SupportNote } from '../profiles/stats.js';
import type { MemberView } from './view.js';

/** The member's own recent support messages (our replies are not their feelings). */
export function inboundSupportMessages(view: MemberView): SupportNote[] {
  return (view.stats.recentSupportMessages ?? []).filter((note) => note.direction === 'inbound' && note.text.trim() !== '');
}
