// The seven behavioural segments (issue 3), named once for every module: the segment model,
// framing, action eligibility in attune.config.json, reports and the API.
export const SEGMENT_NAMES = [
  'Enthusiasts',
  'Routine Buyers',
  'Bargain Hunters',
  'Lapsed VIPs',
  'New Members',
  'Gift Givers',
  'Browsers',
] as const;

export type SegmentName = (typeof SEGMENT_NAMES)[number];
