/**
 * Text clean-up (src/pipeline/normalise/text.ts): HTML from exports read as plain text (html.ts) and the placeholders
 * that mean "nothing written" (empty.ts), as learning platforms and CPD portals export them (issue 9 scope 5).
 */
import { describe, expect, it } from 'vitest';
import { emptyValueKind, isEmptyValue, isNotYetGiven, type EmptyKind } from '../../src/pipeline/normalise/empty.js';
import { htmlToText, mayHoldHtml } from '../../src/pipeline/normalise/html.js';
import { cleanLine, cleanText, isPlaceholderText } from '../../src/pipeline/normalise/text.js';

describe('cleanText / cleanLine: HTML becomes plain text, line structure kept', () => {
  it.each<[string, string, string]>([
    ['<p>Learn <b>Python</b> basics</p><ul><li>one</li></ul>', 'Learn Python basics\n\n- one', 'Learn Python basics - one'],
    ['<p>Learn <b>Python</b> basics</p><ul><li>Variables</li><li>Loops &amp; functions</li></ul>', 'Learn Python basics\n\n- Variables\n- Loops & functions', 'Learn Python basics - Variables - Loops & functions'],
    ['R&amp;D in H&amp;S&nbsp;training', 'R&D in H&S training', 'R&D in H&S training'],
    ['Line one<br/>Line two<br>Line three', 'Line one\nLine two\nLine three', 'Line one Line two Line three'],
    ['<p>a<br><br>b</p>', 'a\n\nb', 'a b'],
    ['<p>Para one</p>\n\n<p>Para two with   spaces</p>', 'Para one\n\nPara two with spaces', 'Para one Para two with spaces'],
    ['<ol><li>first</li><li>second</li></ol>', '1. first\n2. second', '1. first 2. second'],
    ['<div>Module 1</div><div>Module 2</div>', 'Module 1\nModule 2', 'Module 1 Module 2'],
    ['<h2>Summary</h2><p>Text</p>', 'Summary\n\nText', 'Summary Text'],
    ['<P>Upper <B>case</B></P>', 'Upper case', 'Upper case'],
    ['<table><tr><th>Topic</th><th>Hours</th></tr><tr><td>Safety</td><td>2</td></tr></table>', 'Topic | Hours\nSafety | 2', 'Topic | Hours Safety | 2'],
    ['<script>alert(1)</script><p>Safe text</p>', 'Safe text', 'Safe text'],
    ['<p>See <a href="https://learn.example.com/c/42">the course page</a></p>', 'See the course page (https://learn.example.com/c/42)', 'See the course page (https://learn.example.com/c/42)'],
    ['<p>Link: <a href="https://x.org">https://x.org</a></p>', 'Link: https://x.org', 'Link: https://x.org'],
    ['&lt;b&gt; is bold', '<b> is bold', '<b> is bold'],
  ])('%j', (html, text, line) => {
    expect(cleanText(html)).toBe(text);
    expect(cleanLine(html)).toBe(line);
  });

  it.each([
    'Contact <john@example.com> for slides',
    'Temperatures < 5 degrees & rising',
    'a <b and c',
    'Use x<y',
    'Ohm & Sons; fish&chips',
  ])('%j is not HTML and stays as written', (text) => {
    expect(htmlToText(text)).toBeUndefined();
    expect(cleanText(text)).toBe(text);
    expect(cleanLine(text)).toBe(text);
  });

  it('mayHoldHtml is the cheap cue: a tag-like <x or a character reference', () => {
    expect(mayHoldHtml('<p>x</p>')).toBe(true);
    expect(mayHoldHtml('R&amp;D')).toBe(true);
    expect(mayHoldHtml('a < b & c')).toBe(false);
    expect(mayHoldHtml('plain text')).toBe(false);
  });
});

describe('"no value" placeholders (empty.ts)', () => {
  it.each<[string, EmptyKind]>([
    ['N/A', 'not-applicable'],
    ['n/a', 'not-applicable'],
    ['NA', 'not-applicable'],
    ['N.A.', 'not-applicable'],
    ['#N/A', 'not-applicable'],
    ['not applicable', 'not-applicable'],
    ['-', 'dash'],
    ['—', 'dash'],
    ['–', 'dash'],
    ['--', 'dash'],
    ['…', 'dash'],
    ['null', 'null'],
    ['NULL', 'null'],
    ['(null)', 'null'],
    ['<NULL>', 'null'],
    ['None', 'null'],
    ['nil', 'null'],
    ['undefined', 'null'],
    ['NaN', 'null'],
    ['0000-00-00', 'zero-date'],
    ['0000-00-00 00:00:00', 'zero-date'],
    ['1900-01-00', 'zero-date'],
    ['1899-12-31', 'zero-date'],
    ['1899-12-30', 'zero-date'],
    ['0001-01-01T00:00:00Z', 'zero-date'],
    ['00/00/0000', 'zero-date'],
    ['  n/a ', 'not-applicable'],
  ])('%j → %s', (text, kind) => {
    expect(emptyValueKind(text)).toBe(kind);
    expect(isEmptyValue(text)).toBe(true);
    expect(isPlaceholderText(text)).toBe(true);
  });

  it.each(['', 'Nano-engineering', 'Null hypothesis testing', 'Undefined behaviour in C', 'NAFEMS seminar', '2024-03-05', '03/00/2024', '1900-01-01', '0', '1.5', 'TBC', '?'])(
    '%j is not a "no value" placeholder',
    (text) => {
      expect(isEmptyValue(text)).toBe(false);
    },
  );

  it('"not known yet" is a placeholder in text fields but not "no value"', () => {
    for (const t of ['TBC', 'tba', 'TBD', 'to be confirmed', '?', '??']) {
      expect(isNotYetGiven(t)).toBe(true);
      expect(isPlaceholderText(t)).toBe(true);
      expect(isEmptyValue(t)).toBe(false);
    }
    expect(isPlaceholderText('Ongoing project work')).toBe(false);
  });
});
