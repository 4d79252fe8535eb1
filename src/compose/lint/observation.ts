// The creepy line, part 1: copy that reports what the member was seen doing — how long they
// looked, when, how often, "we noticed…", "still thinking about that…?", and internal data
// (SKU numbers) put in front of the member. These hold for every consent tier: DESIGN.md §7
// says speak from inference, never from observation. Patterns are for lower-cased text.
import type { AnchorHits, Scanner } from './anchors.js';
import { quote, type ViolationReport } from './report.js';
import { NUMBER_SOURCE, ORDINAL_SOURCE, ORDINAL_WORDS } from './text.js';

const SECOND_PERSON = /\byour?\b/;
/** Words that tie a duration to the member's attention. */
const ATTENTION_CUE =
  /\b(?:spent|looked|looking\s+at|viewed|viewing|browsed|browsing|stared|staring|lingered|lingering|hovered|scrolled|scrolling|watched|on\s+(?:our|the|this)\s+(?:site|page|app|website|product\s+page))\b/;
/** The member doing something we could only know by watching or recording it. */
const BEHAVIOUR_CUE =
  /\byou(?:['’]ve|['’]d|\s+have|\s+had|\s+just|\s+recently|\s+also|\s+first|\s+last)*\s+(?:looked|viewed|browsed|visited|searched|spent|bought|purchased|ordered|added|clicked|opened|left|stopped|came|shopped|tapped|saw|checked|were\s+(?:looking|browsing|shopping|viewing|on|here))\b|\byour\s+(?:last\s+|recent\s+)?(?:purchase|visit|search|session|browsing|view)\b/;

const UNIT_WORDS = ['second', 'seconds', 'sec', 'secs', 'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'month', 'months'];
const PIECE = `${NUMBER_SOURCE}\\s+(?:${UNIT_WORDS.join('|')})\\b`;
/**
 * A duration, compound ones included ("three minutes and twelve seconds"). Points in time
 * ("three weeks ago") and future or recurring spans ("in six weeks", "every day") are not
 * durations of behaviour.
 */
const DURATION: Scanner = {
  pattern: new RegExp(`(?<!\\b(?:in|within|every|each|per|next)\\s+)\\b${PIECE}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s+)${PIECE})*(?!\\s+ago\\b)`, 'g'),
  anchors: UNIT_WORDS,
  requires: [SECOND_PERSON, ATTENTION_CUE],
};

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december'];
const AM_PM = '\\s?(?:[ap]\\.m\\.|[ap]m)(?![a-z])';
const CLOCK = `(?:(?:[01]?\\d|2[0-3]):[0-5]\\d(?!:?\\d)(?:${AM_PM})?|(?:1[0-2]|0?[1-9])${AM_PM})`;
const WEEKDAY = `(?:${WEEKDAYS.join('|')})\\b(?!['’]s)`;
const MONTH = `(?:${MONTHS.join('|')})`;
const CALENDAR_DATE = `(?:\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?\\b|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b)`;
const DAY = `(?:${WEEKDAY}|${CALENDAR_DATE})`;
const PART_OF_DAY = '(?:\\s+(?:night|morning|afternoon|evening))?';
/** A clock time and/or a day: "11:47 PM on Tuesday", "on 2/14", "Tuesday night at 9pm". */
const TIMESTAMP: Scanner = {
  pattern: new RegExp(`\\b(?:${CLOCK}(?:\\s+(?:on\\s+|last\\s+|this\\s+)?${DAY}${PART_OF_DAY})?|${DAY}${PART_OF_DAY}(?:\\s+at\\s+${CLOCK})?)`, 'g'),
  anchors: [...WEEKDAYS, ...MONTHS],
  marks: ['\\d:[0-5]\\d', '\\d\\/\\d', '\\d\\s?[ap]\\.?m'],
  requires: [BEHAVIOUR_CUE],
};

/** Counts of the member's views or visits; the `needsYou` forms count only next to "you". */
const VIEW_COUNT: Scanner = {
  pattern: new RegExp(
    `(?<needsYou>\\b(?:viewed|visited|looked\\s+at|checked\\s+out|opened|clicked(?:\\s+on)?|c[ao]me\\s+back\\s+to|returned\\s+to|browsed|seen)\\b[^.!?\\n]{0,40}?\\b(?:${NUMBER_SOURCE}\\s+times|twice)\\b|\\b\\d+\\s+(?:views|visits|page\\s*views)\\b)` +
      `|\\byour\\s+${ORDINAL_SOURCE}\\s+(?:visit|view|time|look)\\b|\\b(?:back|here|again)\\s+for\\s+(?:the|a)\\s+${ORDINAL_SOURCE}\\s+time\\b`,
    'g',
  ),
  anchors: ['times', 'twice', 'views', 'visits', 'pageviews', 'visit', 'view', 'time', 'look', ...ORDINAL_WORDS],
};

/** "We noticed you were looking at…", "I saw you browsing…", "we've been watching". */
const OBSERVED_BEHAVIOUR: Scanner = {
  pattern:
    /\b(?:we|i)(?:['’]ve|\s+have|\s+just|\s+couldn['’]t\s+help\s+but)?\s+(?:noticed|notice|saw|see|spotted|seen|know|can\s+see|caught)\s+(?:that\s+)?you(?:['’]ve|['’]re|\s+have|\s+were|\s+are|\s+had)?\s+(?:(?:been|just|recently|still)\s+)*(?:looking|looked|browsing|browsed|viewing|viewed|visiting|visited|eyeing|eyed|checking|checked|shopping|searching|searched|left|stopped|considering|spending|spent|hovering|lingering|came|added|opened|clicked|reading)\b|\bwe(?:['’]ve|\s+have)\s+been\s+(?:watching|keeping\s+an\s+eye)\b/g,
  anchors: ['noticed', 'notice', 'saw', 'see', 'spotted', 'seen', 'know', 'caught', 'watching', 'keeping'],
};

/** A question chasing a specific item: "Still thinking about that dress?" (not "…your 10K goal?"). */
const STILL_THINKING: Scanner = {
  pattern:
    /\bstill\s+(?:thinking\s+(?:about|of)|deciding(?:\s+(?:on|about))?|considering|interested\s+in|eyeing|on\s+the\s+fence\s+about|undecided\s+about)\s+(?:that|this|those|these|the|it|them)\b[^?.!\n]{0,60}\?/g,
  anchors: ['still'],
};

/** Internal identifiers and record-keeping put in front of the member. */
const DATA_FIRST: Scanner = {
  pattern:
    /\b(?:sku|upc|ean|item|product|style|model|article|order)\b\s*(?:#|no\.?|number|num\.?|id|code)\s*:?\s*[a-z0-9][a-z0-9-]*\d[a-z0-9-]*\b|(?<![\w#])#?sku[-\s]?[a-z0-9-]*\d[a-z0-9-]*\b|\b(?:(?:our|according\s+to\s+our)\s+(?:records|data|tracking|logs|systems?)\s+(?:shows?|indicates?|says?|suggests?)|according\s+to\s+our\s+(?:records|data|tracking|logs))\b/g,
  anchors: ['sku', 'upc', 'ean', 'item', 'product', 'style', 'model', 'article', 'order', 'records', 'data', 'tracking', 'logs', 'system', 'systems'],
  marks: ['sku[a-z0-9]'],
};

export const OBSERVATION_SCANNERS: readonly Scanner[] = [DURATION, TIMESTAMP, VIEW_COUNT, OBSERVED_BEHAVIOUR, STILL_THINKING, DATA_FIRST];

export function checkObservation(hits: AnchorHits, report: ViolationReport): void {
  const { field, text } = hits.field;
  const excerpt = (start: number, end: number): string => quote(text.slice(start, end));

  if (report.enabled('creepy.observed-duration')) {
    hits.forEachMatch(DURATION, ({ start, end }) => {
      report.add('creepy.observed-duration', field, [start, end], `${excerpt(start, end)} tells the member how long we watched them. Speak to what they might want, not what they did.`);
    });
  }
  if (report.enabled('creepy.exact-time')) {
    hits.forEachMatch(TIMESTAMP, ({ start, end }) => {
      report.add('creepy.exact-time', field, [start, end], `${excerpt(start, end)} pins down when the member did something. Drop the time and date of their behaviour.`);
    });
  }
  if (report.enabled('creepy.view-count')) {
    hits.forEachMatch(VIEW_COUNT, ({ start, end, sentence, groups }) => {
      if (groups.needsYou !== undefined && !SECOND_PERSON.test(sentence)) return;
      report.add('creepy.view-count', field, [start, end], `${excerpt(start, end)} counts the member's views or visits. Never tell members how often we saw them.`);
    });
  }
  hits.forEachMatch(OBSERVED_BEHAVIOUR, ({ start, end }) => {
    report.add('creepy.observed-behaviour', field, [start, end], `${excerpt(start, end)} says we watched the member. Offer something useful instead of reporting what they did.`);
  });
  hits.forEachMatch(STILL_THINKING, ({ start, end }) => {
    report.add('creepy.still-thinking', field, [start, end], `${excerpt(start, end)} chases an item the member looked at. Lead with why it might suit them, or stay silent.`);
  });
  hits.forEachMatch(DATA_FIRST, ({ start, end }) => {
    report.add('creepy.data-first', field, [start, end], `${excerpt(start, end)} puts our records in front of the member. Name the product and what it does for them.`);
  });
}
