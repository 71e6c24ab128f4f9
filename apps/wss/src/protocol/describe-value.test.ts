import { describe, expect, it } from 'vitest';
import { describeValue, previewText } from './describe-value';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

describe('describeValue', () => {
  it('renders small values as JSON', () => {
    expect(describeValue(42)).toBe('42');
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(describeValue(undefined)).toBe('undefined');
  });

  it('bounds depth, items and length whatever the value', () => {
    expect(describeValue(nested(100_000))).toBe('[[[[…]]]]');
    expect(describeValue(nested(100_000)).length).toBeLessThan(20);
    expect(describeValue(Array.from({ length: 1_000 }, (_, index) => index))).toBe('[0,1,2,3,4,… 995 more]');
    expect(describeValue('y'.repeat(10_000)).length).toBeLessThanOrEqual(81);
    const wide = Object.fromEntries(
      Array.from({ length: 1_000 }, (_, index) => [`key${index}`, 'v'.repeat(50)]),
    );
    expect(describeValue(wide).length).toBeLessThanOrEqual(81);
    expect(describeValue(wide, { maxLength: 20 }).length).toBeLessThanOrEqual(21);
  });

  it('previews text', () => {
    expect(previewText('abc')).toBe('abc');
    expect(previewText('a'.repeat(100), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});
