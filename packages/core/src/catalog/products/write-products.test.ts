import { describe, expect, it } from 'vitest';
import { nextProductStatus } from './write-products.js';

describe('nextProductStatus', () => {
  it('starts a new product as a draft and keeps a status when none is asked for', () => {
    expect(nextProductStatus(null, null, true)).toBe('draft');
    expect(nextProductStatus('archived', null, false)).toBe('archived');
    expect(nextProductStatus('pending_review', null, false)).toBe('pending_review');
  });

  it('publishes at once without moderation, and waits for review with it', () => {
    expect(nextProductStatus('draft', 'published', false)).toBe('published');
    expect(nextProductStatus(null, 'published', true)).toBe('pending_review');
    expect(nextProductStatus('archived', 'published', true)).toBe('pending_review');
  });

  it('leaves a published or waiting product as it is when publishing again', () => {
    expect(nextProductStatus('published', 'published', true)).toBe('published');
    expect(nextProductStatus('pending_review', 'published', false)).toBe('pending_review');
  });

  it('moves to draft or archived when asked, from any status', () => {
    expect(nextProductStatus('pending_review', 'draft', true)).toBe('draft');
    expect(nextProductStatus('published', 'archived', false)).toBe('archived');
  });
});
