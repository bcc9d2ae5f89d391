import { describe, expect, it } from 'vitest';
import { invalidInput } from './errors.js';

describe('invalidInput', () => {
  it('is a 400 validation_failed listing the fields, its message naming each field once', () => {
    const e = invalidInput('query', [
      { path: 'priceMax', message: 'must not be below priceMin' },
      { path: 'priceMax', message: 'is too large' },
      { path: 'page', message: 'is too far' },
    ]);
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe('Invalid query: check priceMax, page');
    expect(e.details).toEqual({ fields: expect.arrayContaining([{ path: 'page', message: 'is too far' }]) });
  });

  it('keeps a message given for people', () => {
    expect(invalidInput('upload', [{ path: 'file', message: 'is required' }], 'Send the file').message).toBe(
      'Send the file',
    );
  });
});
