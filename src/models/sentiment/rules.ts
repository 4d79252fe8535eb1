// VADER's word lists and empirically derived constants (Hutto & Gilbert 2014), as in the
// reference implementation cjhutto/vaderSentiment.

/** Mean intensity change caused by a booster ("very") or dampener ("slightly"). */
export const BOOSTER_INCREMENT = 0.293;
/** Mean intensity increase for a sentiment word in ALL CAPS among non-caps words. */
export const CAPS_INCREMENT = 0.733;
/** Factor applied to a negated word's valence. */
export const NEGATION_SCALAR = -0.74;
/** Added intensity per exclamation mark, counted up to `MAX_EXCLAMATIONS`. */
export const EXCLAMATION_INCREMENT = 0.292;
export const MAX_EXCLAMATIONS = 4;
/** Added intensity per question mark when there are 2 or 3; capped for 4 or more. */
export const QUESTION_INCREMENT = 0.18;
export const MAX_QUESTION_EMPHASIS = 0.96;
/** Normalisation constant: compound = sum / sqrt(sum² + alpha), approximating the max expected sum. */
export const NORMALIZATION_ALPHA = 15;

/** Words that negate the sentiment of a word up to three positions later. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt',
  "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither',
  "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere',
  'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't",
  'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

const BOOSTS = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably',
  'decidedly', 'deeply', 'effing', 'enormous', 'enormously', 'entirely', 'especially',
  'exceptional', 'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping', 'flippin',
  'frackin', 'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin',
  'fucking', 'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible',
  'incredibly', 'intensely', 'major', 'majorly', 'more', 'most', 'particularly', 'purely',
  'quite', 'really', 'remarkably', 'so', 'substantially', 'thoroughly', 'total', 'totally',
  'tremendous', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utter', 'utterly', 'very',
];
const DAMPENS = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less',
  'little', 'marginal', 'marginally', 'occasional', 'occasionally', 'partly', 'scarce',
  'scarcely', 'slight', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof', 'sort-of',
];

/** Degree adverbs and their signed effect on the intensity of the sentiment word they modify. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...BOOSTS.map((word): [string, number] => [word, BOOSTER_INCREMENT]),
  ...DAMPENS.map((word): [string, number] => [word, -BOOSTER_INCREMENT]),
]);

/** Phrases whose meaning overrides the valence of the lexicon word inside them. */
export const SPECIAL_CASES: ReadonlyMap<string, number> = new Map([
  ['the shit', 3], ['the bomb', 3], ['bad ass', 1.5], ['badass', 1.5], ['bus stop', 0.0],
  ['yeah right', -2], ['kiss of death', -1.5], ['to die for', 3],
  ['beating heart', 3.1], ['broken heart', -2.9],
]);
