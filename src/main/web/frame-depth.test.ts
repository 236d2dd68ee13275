import { describe, expect, it } from 'vitest';
import { nestsWithin } from './server';

describe('a frame’s depth', () => {
  it('is counted outside strings, escapes included', () => {
    expect(nestsWithin('{"a":[1,{"b":2}]}', 3)).toBe(true);
    expect(nestsWithin('{"a":[1,{"b":2}]}', 2)).toBe(false);
    expect(nestsWithin('{"a":"[[[[[[\\"[[[["}', 1)).toBe(true);
    expect(nestsWithin('[[[[[[', 5)).toBe(false);
  });
});
