// Python string and rounding semantics that the VADER reference relies on.
import { describe, expect, it } from 'vitest';
import {
  codePointLength, isUpper, roundHalfEven, splitWords, stripPunctuation, stripWhitespace,
} from '../../../src/models/sentiment/python-text.js';

describe('Python-compatible text helpers', () => {
  it('rounds exact binary ties to even and everything else to nearest, like round()', () => {
    expect(roundHalfEven(0.0625, 3)).toBe(0.062); // exact tie → even
    expect(roundHalfEven(0.1875, 3)).toBe(0.188);
    expect(roundHalfEven(-0.0625, 3)).toBe(-0.062);
    expect(roundHalfEven(0.03125, 4)).toBe(0.0312);
    expect(roundHalfEven(0.09375, 4)).toBe(0.0938);
    expect(roundHalfEven(2.675, 2)).toBe(2.67); // stored just below 2.675
    expect(roundHalfEven(0.4404410, 4)).toBe(0.4404);
    expect(roundHalfEven(1, 3)).toBe(1);
  });

  it('splits and strips on Python whitespace, not JavaScript \\s', () => {
    expect(splitWords(' a\u00a0b\x1cc\u3000d  ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitWords('a\ufeffb')).toEqual(['a\ufeffb']); // BOM is not whitespace in Python
    expect(stripWhitespace('\x85 text \u2028')).toBe('text');
  });

  it('strips ASCII punctuation only', () => {
    expect(stripPunctuation('"great!!"')).toBe('great');
    expect(stripPunctuation('¡hola!')).toBe('¡hola');
    expect(stripPunctuation(':)')).toBe('');
  });

  it('counts code points and tells ALL CAPS like str.isupper()', () => {
    expect(codePointLength('😀a')).toBe(2);
    expect(isUpper('GOOD')).toBe(true);
    expect(isUpper(':D')).toBe(true);
    expect(isUpper('GOOd')).toBe(false);
    expect(isUpper('123')).toBe(false);
    expect(isUpper('ÉCOLE')).toBe(true);
    expect(isUpper('ÉCOLé')).toBe(false);
  });
});
