import { describe, expect, it } from 'vitest';
import { flagged } from './support.js';

describe('creepy.observed-duration', () => {
  it('flags how long the member looked, in digits or spelled out', () => {
    expect(flagged('creepy.observed-duration', 'You spent 3 minutes looking at the dress.')).toEqual(['3 minutes']);
    expect(flagged('creepy.observed-duration', 'You spent three minutes and twelve seconds looking at it.')).toEqual(['three minutes and twelve seconds']);
    expect(flagged('creepy.observed-duration', "You've been browsing our boots for twenty-five minutes.")).toEqual(['twenty-five minutes']);
  });

  it('does not flag durations that are not behaviour: events, plans, time ago', () => {
    const clean = [
      'Train for a 10K race in six weeks.',
      'We sponsor a friendly local race in six weeks, and you can still join.',
      'You bought your first trail shoes three weeks ago.',
      'Spend 20 minutes on an easy run, three days a week.',
      'Our team spent two years designing this vest.',
    ];
    for (const body of clean) expect(flagged('creepy.observed-duration', body), body).toEqual([]);
  });
});

describe('creepy.exact-time', () => {
  it('flags the time or date of something the member did', () => {
    expect(flagged('creepy.exact-time', 'You looked at this dress at 11:47 PM on Tuesday.')).toEqual(['11:47 PM on Tuesday']);
    expect(flagged('creepy.exact-time', 'Based on your purchase of trail shoes on 2/14, here are socks.')).toEqual(['2/14']);
    expect(flagged('creepy.exact-time', 'You visited us on March 3rd at 9am.')).toEqual(['March 3rd at 9am']);
  });

  it('does not flag dates of events and offers', () => {
    const clean = ["Tuesday's sale starts at 9 AM.", 'Join us at 9 AM on Saturday for the race.', 'The sale ends Sunday at midnight.', 'Doors open at 7:30 PM on 6/14.'];
    for (const body of clean) expect(flagged('creepy.exact-time', body), body).toEqual([]);
  });
});

describe('creepy.view-count', () => {
  it('flags counts of views and visits', () => {
    expect(flagged('creepy.view-count', 'You viewed this dress 5 times.')).toEqual(['viewed this dress 5 times']);
    expect(flagged('creepy.view-count', 'Back for the third time? Welcome.')).toEqual(['Back for the third time']);
    expect(flagged('creepy.view-count', 'This is your 4th visit this week.')).toEqual(['your 4th visit']);
    expect(flagged('creepy.view-count', "You've checked out the Strappy Block Heel twice.")).toEqual(['checked out the Strappy Block Heel twice']);
  });

  it('does not flag counts that are not about the member', () => {
    const clean = ['Wash it 30 times and it stays soft.', 'Run three times a week.', 'The vest was tested 200 times on the trail.'];
    for (const body of clean) expect(flagged('creepy.view-count', body), body).toEqual([]);
  });
});

describe('creepy.observed-behaviour', () => {
  it('flags "we noticed / saw you …"', () => {
    expect(flagged('creepy.observed-behaviour', 'We noticed you were looking at our boots.')).toEqual(['We noticed you were looking']);
    expect(flagged('creepy.observed-behaviour', 'We saw you browsing the sale.')).toEqual(['We saw you browsing']);
    expect(flagged('creepy.observed-behaviour', "We've been watching the new arrivals with you in mind.")).toEqual(["We've been watching"]);
  });

  it('does not flag noticing that is not about the member’s behaviour', () => {
    const clean = ['We noticed the days are getting longer.', 'We know you love the trails, so here is a plan.', 'See you at the race.'];
    for (const body of clean) expect(flagged('creepy.observed-behaviour', body), body).toEqual([]);
  });
});

describe('creepy.still-thinking', () => {
  it('flags a question chasing an item the member looked at', () => {
    expect(flagged('creepy.still-thinking', 'Still thinking about that dress?')).toEqual(['Still thinking about that dress?']);
    expect(flagged('creepy.still-thinking', 'Still deciding on the Strappy Block Heel?')).toEqual(['Still deciding on the Strappy Block Heel?']);
  });

  it('does not flag goals or statements', () => {
    const clean = ['Still thinking about your 10K goal? Here is a plan.', 'We are still thinking about the summer range.'];
    for (const body of clean) expect(flagged('creepy.still-thinking', body), body).toEqual([]);
  });
});

describe('creepy.data-first', () => {
  it('flags internal identifiers and record-keeping', () => {
    expect(flagged('creepy.data-first', 'Based on your purchase of item #SKU-4721, you might like these.')).toEqual(['item #SKU-4721']);
    expect(flagged('creepy.data-first', 'Order #88213 reminded us of you.')).toEqual(['Order #88213']);
    expect(flagged('creepy.data-first', 'Our records show you like wool.')).toEqual(['Our records show']);
  });

  it('does not flag product names with numbers or plain product words', () => {
    const clean = ['The TrailLight 5L Hydration Vest is back.', 'Your order ships free.', 'Product care: wash cold.'];
    for (const body of clean) expect(flagged('creepy.data-first', body), body).toEqual([]);
  });
});
