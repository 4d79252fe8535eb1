// The creepy line, part 2: pressure. Countdown timers are never allowed (DESIGN.md §7); a
// scarcity claim is allowed only when the inventory says stock really is low. Patterns are
// for lower-cased text.
import type { AnchorHits, Scanner } from './anchors.js';
import { quote, type ViolationReport } from './report.js';
import { NUMBER_SOURCE, parseCount } from './text.js';

const SHORT_UNIT = '(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)';
const CLOCK_READOUT = '\\d{1,2}:\\d{2}(?::\\d{2})?\\b';
/** Ticking clocks: "ends in 02:14:33", "2h 14m 33s", "3 hours left", "{{countdown}}", ⏳. */
const COUNTDOWN: Scanner = {
  pattern: new RegExp(
    [
      `\\b(?:ends?|ending|expires?|expiring|closes?|closing|is\\s+over|gone|disappears?|runs?\\s+out)\\s+in\\s+(?:just\\s+|only\\s+|under\\s+|less\\s+than\\s+)?(?:${CLOCK_READOUT}|${NUMBER_SOURCE}\\s*${SHORT_UNIT}\\b)`,
      '\\b\\d{1,2}:\\d{2}:\\d{2}\\b(?!\\s?[ap]\\.?m)',
      '\\b\\d+\\s?h(?:rs?)?\\s*\\d+\\s?m(?:ins?)?(?:\\s*\\d+\\s?s(?:ecs?)?)?\\b',
      `\\b(?:(?:only|just)\\s+)?${NUMBER_SOURCE}\\s*${SHORT_UNIT}\\s+(?:left|remaining|to\\s+go)\\b`,
      '\\bcountdown\\s+(?:timer|clock)\\b',
      '\\{\\{\\s*countdown[^}]*\\}\\}',
      '\\bthe\\s+clock\\s+is\\s+ticking\\b',
      '\\btime\\s+is\\s+running\\s+out\\b',
      '\\btick[-\\s]?tock\\b',
      '[⏳⌛⏰⏱]',
    ].join('|'),
    'g',
  ),
  anchors: ['end', 'ends', 'ending', 'expire', 'expires', 'expiring', 'close', 'closes', 'closing', 'over', 'gone', 'disappear', 'disappears', 'out', 'left', 'remaining', 'go', 'countdown', 'clock', 'time', 'tick', 'tock', 'ticktock'],
  marks: ['\\d:\\d\\d:\\d\\d', '\\d\\s?h(?:rs?)?\\s*\\d', '[⏳⌛⏰⏱]', '\\{\\{\\s*countdown'],
};

const NOT_A_THING = '(?!\\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|miles?|km|k)\\b)';
/** Scarcity claims; `count` / `stock` capture the number in "only 2 left" to check it against stock. */
const SCARCITY: Scanner = {
  pattern: new RegExp(
    [
      `\\b(?:only|just)\\s+(?<count>\\d+|${NUMBER_SOURCE}|a\\s+handful)${NOT_A_THING}\\s+(?:[a-z-]+\\s+){0,2}?(?:left|remaining|in\\s+stock)\\b`,
      '\\b(?<stock>\\d+)\\s+(?:left|remaining)\\s+in\\s+stock\\b',
      '\\b(?:may|might|could|will|(?:is|are)\\s+going\\s+to|about\\s+to|likely\\s+to|set\\s+to)\\s+sell\\s+out\\b(?:\\s+(?:soon|fast|quickly))?',
      '\\bsell(?:ing|s)?\\s+out\\s+(?:fast|quickly|soon)\\b',
      '\\bselling\\s+(?:fast|quickly)\\b',
      '\\bgoing\\s+fast\\b',
      '\\b(?:almost|nearly)\\s+(?:gone|sold\\s+out)\\b',
      '\\blow\\s+(?:in\\s+)?stock\\b',
      '\\blimited\\s+(?:stock|quantities|quantity|supply|availability)\\b',
      '\\bwhile\\s+(?:supplies|stocks?)\\s+lasts?\\b',
      "\\bwon['’]t\\s+last\\b",
      "\\bbefore\\s+(?:it['’]s|they['’]re|it\\s+is|they\\s+are)\\s+gone\\b",
      '\\blast\\s+(?:one|few|pair|pieces?|units?)\\s+(?:left|in\\s+stock|available|remaining)\\b',
      '\\bfew\\s+(?:left|remaining)\\b',
      '\\bin\\s+high\\s+demand\\b',
      '\\b\\d+\\s+(?:people|others|shoppers)\\s+(?:are\\s+)?(?:viewing|looking\\s+at|have\\s+(?:this|it)\\s+in\\s+their\\s+(?:cart|basket))\\b',
    ].join('|'),
    'g',
  ),
  anchors: ['left', 'remaining', 'stock', 'stocks', 'sell', 'selling', 'sells', 'fast', 'gone', 'sold', 'limited', 'supplies', 'last', 'demand', 'viewing', 'looking', 'cart', 'basket'],
};

export const PRESSURE_SCANNERS: readonly Scanner[] = [COUNTDOWN, SCARCITY];

/** What the inventory says about the products a message is about. */
export interface StockFacts {
  /** Fewest units in stock among those products with tracked inventory; null when none is tracked. */
  lowestStock: number | null;
  lowStockThreshold: number;
}

/** `stock` is called only when the copy makes a scarcity claim (finding products costs a scan). */
export function checkPressure(hits: AnchorHits, stock: () => StockFacts, report: ViolationReport): void {
  const { field, text } = hits.field;
  hits.forEachMatch(COUNTDOWN, ({ start, end }) => {
    report.add('creepy.countdown', field, [start, end], `${quote(text.slice(start, end))} is a countdown. Give the real end date of an offer ("ends Sunday") and no ticking clock.`);
  });

  if (!report.enabled('creepy.invented-scarcity')) return;
  hits.forEachMatch(SCARCITY, ({ start, end, groups }) => {
    const written = groups.count ?? groups.stock;
    const claimed = written === undefined ? undefined : parseCount(written);
    const facts = stock();
    if (scarcityIsTrue(facts, claimed)) return;
    report.add('creepy.invented-scarcity', field, [start, end], `${quote(text.slice(start, end))} claims scarcity the inventory does not support: ${describeStock(facts, claimed)}.`);
  });
}

/**
 * True when some product of the message has low stock (≤ threshold) and a stated number does
 * not understate it ("only 2 left" with 8 in stock invents scarcity).
 */
function scarcityIsTrue({ lowestStock, lowStockThreshold }: StockFacts, claimed: number | undefined): boolean {
  if (lowestStock === null || lowestStock > lowStockThreshold) return false;
  return claimed === undefined || claimed >= lowestStock;
}

function describeStock({ lowestStock, lowStockThreshold }: StockFacts, claimed: number | undefined): string {
  if (lowestStock === null) return 'no product in this message has tracked inventory';
  if (lowestStock > lowStockThreshold) return `${lowestStock} units in stock, and a scarcity claim needs ${lowStockThreshold} or fewer`;
  return `${lowestStock} units in stock, more than the ${claimed ?? 'number'} it claims`;
}
