// The creepy line, part 3: what the copy may know. A reference to a data class the member's
// tier does not allow (DESIGN.md §5, TIER_POLICY) is held, and so is any inference about
// something sensitive, whatever the tier. Patterns are for lower-cased text.
import { CONSENT_TIERS, allowsPersonalization, type ConsentTier, type DataClass } from '../../core/consent.js';
import type { AnchorHits, Scanner } from './anchors.js';
import { quote, type ViolationReport } from './report.js';

const YOU_DID = "\\byou(?:['’]ve|['’]re|\\s+have|\\s+were|\\s+are|\\s+recently|\\s+just|\\s+already|\\s+been)*\\s+";

/**
 * Phrases that refer to a data class. Identity and stated data are never forbidden in copy
 * (a `basic` member's name in a greeting is contact use), so they have no patterns.
 */
const REFERENCES: Readonly<Partial<Record<DataClass, Scanner>>> = {
  browsing: scanner(
    `${YOU_DID}(?:looked\\s+at|looking\\s+at|browsed|browsing|viewed|viewing|searched(?:\\s+for)?|searching\\s+for|eyeing|eyed)\\b` +
      '|\\bspent\\s+[^.!?\\n]{1,60}?\\s(?:looking\\s+at|browsing|viewing|on\\s+(?:our|the|this)\\s+(?:site|page|app|website))\\b' +
      "|\\b(?:recently\\s+viewed|items?\\s+you(?:['’]ve)?\\s+(?:viewed|browsed|looked\\s+at)|your\\s+(?:recent\\s+)?(?:search(?:es)?|browsing(?:\\s+history)?|viewing\\s+history)" +
      '|(?:left|still|sitting)\\s+in\\s+your\\s+(?:cart|basket|shopping\\s+bag)|your\\s+(?:cart|basket|shopping\\s+bag)' +
      '|you\\s+left\\s+(?:something|it|them|this|these|items?)\\s+(?:behind|in)|still\\s+thinking\\s+about\\s+(?:that|this|those|these|the))\\b|\\bforget\\s+something\\?',
    'looked looking browsed browsing viewed viewing searched searching eyeing eyed spent search searches cart basket bag left thinking forget',
  ),
  purchase: scanner(
    `${YOU_DID}(?:bought|purchased|ordered)\\b` +
      '|\\byour\\s+(?:recent|last|latest|previous|past)\\s+(?:purchase|order)s?\\b|\\byour\\s+(?:purchase|order)\\s+(?:history|of)\\b' +
      '|\\b(?:based\\s+on|from)\\s+your\\s+(?:purchases|orders)\\b|\\byour\\s+(?:loyalty\\s+)?points(?:\\s+balance)?\\b',
    'bought purchased ordered purchase purchases order orders points',
  ),
  engagement: scanner(
    `${YOU_DID}(?:opened|clicked(?:\\s+on)?|read|tapped)\\s+(?:our|my|the|this|that|your|an?)\\s+(?:(?:last|recent|latest)\\s+)?(?:emails?|messages?|newsletters?|texts?|sms|notifications?|links?|push(?:es)?)\\b` +
      "|\\byou(?:\\s+have\\s+not|\\s+haven['’]t|\\s+did\\s+not|\\s+didn['’]t|['’]ve\\s+not)\\s+(?:opened|open|clicked|click|read)\\b",
    'opened open clicked click read tapped',
  ),
  service: scanner(
    '\\byour\\s+(?:recent\\s+|last\\s+)?(?:complaint|support\\s+(?:ticket|request|conversation|chat|call)|ticket|case\\s+number)\\b|\\bwhen\\s+you\\s+(?:contacted|called|emailed|chatted\\s+with)\\s+(?:us|our|support|customer\\s+service)\\b|\\byou\\s+(?:complained|contacted\\s+(?:us|support))\\b',
    'complaint support ticket case contacted called emailed chatted complained',
  ),
  inferred: scanner(
    '\\bwe\\s+(?:predict|forecast|calculated|estimate)\\b' +
      "|\\bwe\\s+(?:think|expect|bet)\\s+you(?:['’]ll|\\s+will)?\\s+(?:soon\\s+)?(?:need|run\\s+out|be\\s+running\\s+low|be\\s+ready\\s+for\\s+a\\s+new)\\b" +
      '|\\byou\\s+(?:might|may|could)\\s+be\\s+(?:about\\s+to|running\\s+(?:low|out)|ready\\s+(?:for|to)\\s+(?:a|an)\\s+(?:new|replacement|refill))\\b' +
      "|\\byou(?:['’]re|\\s+are)\\s+(?:(?:probably|likely|almost)\\s+)?(?:about\\s+to|running\\s+(?:low|out)|due\\s+for|likely\\s+to|at\\s+risk\\s+of)\\b" +
      '|\\b(?:our|the)\\s+(?:models?|algorithms?|ai)\\s+(?:predicts?|says?|shows?|thinks?|suggests?)\\b' +
      '|\\byour\\s+(?:churn|risk\\s+score|lifetime\\s+value|propensity|predicted\\s+\\w+)\\b',
    'predict forecast calculated estimate think expect bet might may could about running due likely risk model models algorithm algorithms ai churn lifetime propensity predicted',
  ),
};

function scanner(source: string, anchors: string): Scanner {
  return { pattern: new RegExp(source, 'g'), anchors: anchors.split(' ') };
}

const WHAT_IT_REVEALS: Readonly<Record<DataClass, string>> = {
  identity: 'who they are',
  stated: 'what they told us',
  purchase: 'what they bought',
  engagement: 'which messages they opened or clicked',
  browsing: 'what they browsed',
  service: 'their support conversations',
  inferred: 'our predictions about them',
};

/** For each tier, the reference scanners of the classes it does not allow: chosen once. */
const FORBIDDEN_REFERENCES: Readonly<Record<ConsentTier, ReadonlyArray<readonly [DataClass, Scanner]>>> = Object.fromEntries(
  CONSENT_TIERS.map((tier) => [
    tier,
    (Object.entries(REFERENCES) as Array<[DataClass, Scanner]>).filter(([dataClass]) => !allowsPersonalization(tier, dataClass)),
  ]),
) as Record<ConsentTier, Array<[DataClass, Scanner]>>;

/** Sensitive topics, one named group each; every pattern is an inference about the member. */
const SENSITIVE: Scanner = scanner(
  [
    "(?<health>\\byour\\s+(?:diagnosis|condition|illness|symptoms|medications?|prescriptions?|treatment|therapy|diabetes|cancer|depression|anxiety|disability)\\b|\\byou(?:['’]re|\\s+are)\\s+(?:(?:probably|clearly|still)\\s+)?(?:diabetic|depressed|ill|unwell|overweight|obese)\\b|\\bsince\\s+you\\s+were\\s+diagnosed\\b|\\bmanaging\\s+your\\s+(?:diabetes|anxiety|depression|condition|weight)\\b|\\bstruggling\\s+with\\s+(?:your\\s+)?(?:health|weight|anxiety|depression|illness)\\b)",
    "(?<finances>\\bstruggling\\s+(?:with\\s+money|financially|to\\s+(?:pay|make\\s+ends\\s+meet|afford))|\\bmoney(?:\\s+is|\\s+has\\s+been|['’]s)\\s+tight\\b|\\btight\\s+on\\s+(?:money|cash|funds)\\b|\\byour\\s+(?:debts?|credit\\s+score|loans?|overdraft|bankruptcy|financial\\s+(?:situation|difficulties|hardship|struggles|troubles))\\b|\\byou(?:['’]re|\\s+are)\\s+(?:in\\s+debt|broke|short\\s+on\\s+cash)\\b|\\bbehind\\s+on\\s+(?:your\\s+)?(?:bills|payments|rent)\\b|\\byou\\s+can(?:['’]t|not)\\s+afford\\b(?!\\s+to\\b))",
    "(?<pregnancy>\\byou(?:['’]re|\\s+are)\\s+(?:expecting(?=\\s*(?:[.,!?;:)]|$|\\s+(?:soon|twins|again|in\\b|this\\b|next\\b)))|pregnant)|\\bexpecting\\s+a\\s+(?:baby|little\\s+one|child)\\b|\\bbaby\\s+on\\s+the\\s+way\\b|\\byour\\s+(?:pregnancy|due\\s+date|baby\\s+bump|bump)\\b|\\b(?:mom|mum|dad|mother|parents?)[-\\s]to[-\\s]be\\b)",
    "(?<grief>\\b(?:after|since|following)\\s+your\\s+(?:recent\\s+)?(?:loss|passing|bereavement)\\b|\\bsorry\\s+(?:for|about)\\s+your\\s+loss\\b|\\byour\\s+late\\s+(?:husband|wife|partner|mother|father|mom|mum|dad|son|daughter|brother|sister|friend)\\b|\\byou(?:['’]re|\\s+are|['’]ve\\s+been)\\s+(?:grieving|mourning)\\b|\\blost\\s+(?:a|your)\\s+loved\\s+one\\b|\\bin\\s+memory\\s+of\\s+your\\b)",
    "(?<religion>\\bas\\s+an?\\s+(?:christian|muslim|jew|hindu|buddhist|sikh|catholic|mormon)\\b|\\byour\\s+(?:faith|religion|religious\\s+beliefs|church|mosque|synagogue|temple)\\b|\\byou(?:['’]re|\\s+are)\\s+(?:christian|muslim|jewish|hindu|buddhist|sikh|catholic|mormon|religious)\\b)",
    "(?<sexuality>\\bas\\s+an?\\s+(?:gay|lesbian|bisexual|queer|trans|transgender)\\b|\\byour\\s+(?:sexuality|sexual\\s+orientation|coming\\s+out)\\b|\\byou(?:['’]re|\\s+are)\\s+(?:gay|lesbian|bisexual|queer|trans|transgender)\\b|\\bsince\\s+you\\s+came\\s+out\\b)",
  ].join('|'),
  'diagnosis condition illness symptoms medication medications prescription prescriptions treatment therapy diabetes cancer depression anxiety disability ' +
    'diabetic depressed ill unwell overweight obese diagnosed managing struggling money tight debt debts credit loan loans overdraft bankruptcy financial broke cash behind afford ' +
    'expecting baby pregnant pregnancy due bump mom mum dad mother parent parents loss passing bereavement late grieving mourning loved memory ' +
    'christian muslim jew jewish hindu buddhist sikh catholic mormon faith religion religious church mosque synagogue temple ' +
    'gay lesbian bisexual queer trans transgender sexuality sexual coming came',
);

export const DATA_CLASS_SCANNERS: readonly Scanner[] = [...Object.values(REFERENCES), SENSITIVE];

const SENSITIVE_TOPICS = ['health', 'finances', 'pregnancy', 'grief', 'religion', 'sexuality'] as const;
type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];
const TOPIC_WORDS: Readonly<Record<SensitiveTopic, string>> = {
  health: 'their health',
  finances: 'their finances',
  pregnancy: 'a pregnancy',
  grief: 'a bereavement',
  religion: 'their religion',
  sexuality: 'their sexuality',
};

export function checkDataClasses(hits: AnchorHits, tier: ConsentTier, report: ViolationReport): void {
  const { field, text } = hits.field;
  if (report.enabled('creepy.forbidden-data-class')) {
    for (const [dataClass, references] of FORBIDDEN_REFERENCES[tier]) {
      hits.forEachMatch(references, ({ start, end }) => {
        report.add(
          'creepy.forbidden-data-class',
          field,
          [start, end],
          `${quote(text.slice(start, end))} refers to ${WHAT_IT_REVEALS[dataClass]} (${dataClass} data), which a ${tier} member has not allowed us to use. Write from what they told us instead.`,
        );
      });
    }
  }

  hits.forEachMatch(SENSITIVE, ({ start, end, groups }) => {
    const topic = SENSITIVE_TOPICS.find((name) => groups[name] !== undefined) ?? 'health';
    report.add(
      'creepy.sensitive-inference',
      field,
      [start, end],
      `${quote(text.slice(start, end))} infers ${TOPIC_WORDS[topic]} about the member. Promotional copy never guesses at sensitive parts of someone's life.`,
    );
  });
}
