// Where Athena's members live: a realistic mix of IANA time zones (mostly North America, some
// Europe and Asia-Pacific), the phone area codes of each, and UTC offsets with daylight saving.

export interface ZoneSpec {
  id: string;
  share: number;
  country: 'US' | 'CA' | 'MX' | 'GB' | 'DE' | 'FR' | 'AU' | 'JP';
  /**
   * North American area codes whose 555 exchange gives members phone numbers. The 555 exchange
   * is reserved for fiction and directory services, so a simulated number never reaches a person.
   * Null: members in this zone have no phone on file.
   */
  areaCodes: readonly number[] | null;
}

export const ZONES: readonly ZoneSpec[] = [
  {
    id: 'America/New_York', share: 0.31, country: 'US',
    areaCodes: [
      201, 202, 203, 207, 212, 215, 216, 234, 239, 240, 248, 267, 301, 302, 304, 305, 313, 315, 321, 330, 336, 347, 352,
      386, 401, 404, 407, 410, 412, 413, 434, 440, 443, 470, 484, 508, 513, 516, 518, 540, 561, 585, 586, 603, 607, 609,
      610, 614, 617, 631, 646, 678, 703, 704, 716, 717, 718, 727, 732, 734, 740, 757, 770, 772, 774, 781, 786, 802, 803,
      804, 810, 813, 843, 845, 856, 860, 862, 864, 904, 908, 910, 914, 917, 919, 929, 937, 941, 954, 973, 978, 980,
    ],
  },
  {
    id: 'America/Chicago', share: 0.18, country: 'US',
    areaCodes: [
      205, 210, 214, 217, 218, 224, 225, 251, 254, 256, 262, 281, 309, 312, 314, 316, 318, 319, 320, 331, 337, 346, 361,
      402, 405, 409, 414, 417, 430, 469, 479, 501, 504, 507, 512, 515, 563, 573, 601, 608, 612, 615, 618, 620, 630, 636,
      641, 651, 662, 682, 708, 712, 713, 715, 737, 763, 773, 779, 785, 816, 817, 830, 832, 847, 870, 901, 903, 913, 918,
      920, 936, 940, 952, 956, 972, 979, 985,
    ],
  },
  { id: 'America/Denver', share: 0.06, country: 'US', areaCodes: [208, 303, 307, 385, 406, 435, 505, 575, 719, 720, 801, 970] },
  { id: 'America/Phoenix', share: 0.02, country: 'US', areaCodes: [480, 520, 602, 623, 928] },
  {
    id: 'America/Los_Angeles', share: 0.21, country: 'US',
    areaCodes: [
      206, 209, 213, 253, 310, 323, 360, 408, 415, 424, 425, 442, 503, 509, 510, 530, 541, 559, 562, 619, 626, 628, 650,
      657, 661, 669, 702, 707, 714, 747, 760, 775, 805, 818, 831, 858, 909, 916, 925, 949, 951, 971,
    ],
  },
  { id: 'America/Anchorage', share: 0.005, country: 'US', areaCodes: [907] },
  { id: 'Pacific/Honolulu', share: 0.005, country: 'US', areaCodes: [808] },
  { id: 'America/Toronto', share: 0.04, country: 'CA', areaCodes: [226, 249, 289, 343, 365, 416, 437, 438, 450, 514, 519, 613, 647, 705, 905] },
  { id: 'America/Vancouver', share: 0.02, country: 'CA', areaCodes: [236, 250, 403, 587, 604, 672, 778, 780, 825] },
  { id: 'America/Mexico_City', share: 0.02, country: 'MX', areaCodes: null },
  { id: 'Europe/London', share: 0.05, country: 'GB', areaCodes: null },
  { id: 'Europe/Berlin', share: 0.03, country: 'DE', areaCodes: null },
  { id: 'Europe/Paris', share: 0.02, country: 'FR', areaCodes: null },
  { id: 'Australia/Sydney', share: 0.02, country: 'AU', areaCodes: null },
  { id: 'Asia/Tokyo', share: 0.01, country: 'JP', areaCodes: null },
];

export const ZONE_SHARES: readonly number[] = ZONES.map((zone) => zone.share);

const DAY_MS = 86_400_000;
const formatters = new Map<number, Intl.DateTimeFormat>();
const offsetCache = new Map<number, number>();

function offsetFromIntl(zone: number, atMs: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: (ZONES[zone] as ZoneSpec).id, timeZoneName: 'longOffset' });
    formatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(new Date(atMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Minutes to add to UTC to get local time in zone `zone` (an index into ZONES) on the UTC day of
 * `atMs`, daylight saving included. Cached per zone and day: the simulation asks millions of times.
 */
export function utcOffsetMinutes(zone: number, atMs: number): number {
  const day = Math.floor(atMs / DAY_MS);
  const key = day * ZONES.length + zone;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = offsetFromIntl(zone, day * DAY_MS + DAY_MS / 2);
    offsetCache.set(key, offset);
  }
  return offset;
}

/** A member's phone in E.164, from their rank among members of the same zone; null beyond capacity. */
export function phoneOf(zone: number, serial: number): string | null {
  const codes = ZONES[zone]?.areaCodes;
  if (codes == null || serial < 0 || serial >= codes.length * 10_000) return null;
  const areaCode = codes[serial % codes.length] as number;
  // A bijection on 0…9999 so that consecutive members do not get consecutive lines.
  const line = (Math.floor(serial / codes.length) * 7919 + 1234) % 10_000;
  return `+1${areaCode}555${String(line).padStart(4, '0')}`;
}
