// Channel length limits: SMS segments (GSM-7 or UCS-2), push title and body characters.
import type { Channel } from '../../core/consent.js';
import type { CompiledRules } from './brand-rules.js';
import type { ViolationReport } from './report.js';

/** GSM 03.38 basic alphabet: one septet each. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM extension table: an escape plus the character, two septets each. */
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

const GSM_SINGLE = 160;
const GSM_PART = 153; // a multipart message loses 7 characters per segment to its header
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  /** Units of each character in order, to find where a limit is crossed. */
  unitsAt: (index: number) => number;
}

/** GSM-7 when every character is in the GSM alphabet; otherwise UCS-2 (one unit per UTF-16 code unit). */
function measureSms(text: string): SmsSize {
  let units = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) units += 1;
    else if (GSM_EXTENSION.has(char)) units += 2;
    else return { encoding: 'UCS-2', units: text.length, unitsAt: () => 1 };
  }
  return { encoding: 'GSM-7', units, unitsAt: (index) => (GSM_EXTENSION.has(text.charAt(index)) ? 2 : 1) };
}

function segmentsFor(size: SmsSize): number {
  const [single, part] = size.encoding === 'GSM-7' ? [GSM_SINGLE, GSM_PART] : [UCS2_SINGLE, UCS2_PART];
  return size.units <= single ? 1 : Math.ceil(size.units / part);
}

/** Offset of the first character that does not fit in `limit` units. */
function overflowOffset(text: string, size: SmsSize, limit: number): number {
  let used = 0;
  for (let index = 0; index < text.length; index++) {
    used += size.unitsAt(index);
    if (used > limit) return index;
  }
  return text.length;
}

export function checkLength(channel: Channel, subject: string | undefined, body: string, rules: CompiledRules, report: ViolationReport): void {
  if (channel === 'sms' && report.enabled('length.sms-segments')) {
    const size = measureSms(body);
    const segments = segmentsFor(size);
    if (segments > rules.smsMaxSegments) {
      const [single, part] = size.encoding === 'GSM-7' ? [GSM_SINGLE, GSM_PART] : [UCS2_SINGLE, UCS2_PART];
      const limit = rules.smsMaxSegments === 1 ? single : part * rules.smsMaxSegments;
      report.add(
        'length.sms-segments',
        'body',
        [overflowOffset(body, size, limit), body.length],
        `This SMS needs ${segments} segments (${size.units} ${size.encoding} characters); the limit is ${rules.smsMaxSegments} (${limit} characters). Cut the marked text.`,
      );
    }
  }
  if (channel === 'push') {
    if (subject !== undefined && subject.length > rules.pushTitleMaxChars) {
      report.add('length.push-title', 'subject', [rules.pushTitleMaxChars, subject.length], `This push title has ${subject.length} characters; the limit is ${rules.pushTitleMaxChars}. Cut the marked text.`);
    }
    if (body.length > rules.pushBodyMaxChars) {
      report.add('length.push-body', 'body', [rules.pushBodyMaxChars, body.length], `This push body has ${body.length} characters; the limit is ${rules.pushBodyMaxChars}. Cut the marked text.`);
    }
  }
}
