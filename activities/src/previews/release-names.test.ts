import { describe, expect, it } from 'vitest';
import { ownRelease } from './release-names.js';

describe('ownRelease: the app and its previews retire only their own containers', () => {
  it("the app's RETIRE leaves its previews' containers alone", () => {
    expect(ownRelease('shop', 'paas-shop-1a2b3c4d', false)).toBe(true);
    expect(ownRelease('shop', 'paas-shop-pr-7-1a2b3c4d', false)).toBe(false);
    // whatever else carries the app's label (a builder, a helper) is still the app's
    expect(ownRelease('shop', 'paas-build-shop-xyz', false)).toBe(true);
    expect(ownRelease('shop', undefined, false)).toBe(true);
  });

  it("a preview's RETIRE touches that preview's containers only", () => {
    expect(ownRelease('shop-pr-7', 'paas-shop-pr-7-1a2b3c4d', true)).toBe(true);
    expect(ownRelease('shop-pr-7', 'paas-shop-1a2b3c4d', true)).toBe(false);
    expect(ownRelease('shop-pr-7', 'paas-shop-pr-70-1a2b3c4d', true)).toBe(false);
    expect(ownRelease('shop-pr-1', 'paas-shop-pr-1-pr-2-1a2b3c4d', true)).toBe(false);
    expect(ownRelease('shop-pr-7', undefined, true)).toBe(false);
  });
});
