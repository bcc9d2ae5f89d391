import { UpdateVendorProfileBody } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { apiErrorReply, errorsOf, formFile, formValues, parseForm, requireFile } from './forms.js';

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

const PROFILE: [string, string][] = [
  ['csrf', 'token'],
  ['businessName', 'Rhein Hydraulik'],
  ['legalName', 'Rhein Hydraulik GmbH'],
  ['country', 'de'],
  ['taxId', 'DE123456789'],
  ['contactName', 'Hanna'],
  ['contactEmail', 'Hanna@Rhein.test'],
  ['website', ''],
  ['description', 'Pumps and valves for industry.'],
  ['industries', 'packaging'],
  ['industries', 'industrial-supplies'],
];

describe('parseForm', () => {
  it("gives the API body schema's value for a good form, repeated fields as lists", () => {
    const result = parseForm(UpdateVendorProfileBody, form(PROFILE), { arrays: ['industries'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      country: 'DE',
      contactEmail: 'hanna@rhein.test',
      website: null,
      industries: ['packaging', 'industrial-supplies'],
    });
    expect(result.values.csrf).toBeUndefined();
  });

  it('answers a refused form with one sentence in words, the errors by field and what was typed', () => {
    const bad = PROFILE.map(([k, v]): [string, string] =>
      k === 'taxId' ? [k, ''] : k === 'industries' ? [k, 'mining'] : [k, v],
    );
    const result = parseForm(UpdateVendorProfileBody, form(bad), { what: 'profile', arrays: ['industries'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reply.message).toBe('Please check the profile: tax id, industry 1 and industry 2.');
    expect(Object.keys(result.reply.fields).sort()).toEqual(['industries.0', 'industries.1', 'taxId']);
    expect(errorsOf(result.reply.fields, 'industries')).toEqual([
      expect.stringMatching(/^industry 1: must be one of/),
      expect.stringMatching(/^industry 2: must be one of/),
    ]);
    expect(result.reply.values).toMatchObject({
      businessName: 'Rhein Hydraulik',
      industries: ['mining', 'mining'],
    });
  });

  it('keeps secrets out of what is given back', () => {
    const values = formValues(
      form([
        ['email', 'a@b.test'],
        ['password', 'secret-123'],
      ]),
    );
    const result = parseForm(UpdateVendorProfileBody, form([['password', 'secret-123']]), {
      secret: ['password'],
    });
    expect(values.password).toBe('secret-123');
    expect(result.ok ? null : result.reply.values?.password).toBeUndefined();
  });
});

describe('apiErrorReply', () => {
  it("turns the API's field errors into the same reply, and keeps a plain message otherwise", () => {
    const refused = apiErrorReply(
      {
        message: 'Invalid product: check tiers.1.unitPriceMinor',
        details: { fields: [{ path: 'tiers.1.unitPriceMinor', message: 'must not be above €1.89' }] },
      },
      { title: 'Bolt' },
      'product',
    );
    expect(refused).toEqual({
      ok: false,
      message: 'Please check the product: tier 2 unit price.',
      fields: { 'tiers.1.unitPriceMinor': ['must not be above €1.89'] },
      values: { title: 'Bolt' },
    });
    expect(apiErrorReply({ message: 'Your vendor account is suspended.' }, null).message).toBe(
      'Your vendor account is suspended.',
    );
  });

  it("keeps the API's own sentence when asked (a taken slug), with the field errors still by field", () => {
    const taken = apiErrorReply(
      {
        message: 'The slug "acme" is already taken; choose another',
        details: { fields: [{ path: 'slug', message: 'is already taken' }] },
      },
      { slug: 'acme' },
      'tenant',
      { keepMessage: true },
    );
    expect(taken).toEqual({
      ok: false,
      message: 'The slug "acme" is already taken; choose another',
      fields: { slug: ['is already taken'] },
      values: { slug: 'acme' },
    });
  });
});

describe('formFile and requireFile', () => {
  const form = (file?: File) => {
    const f = new FormData();
    f.set('note', 'x');
    if (file) f.set('file', file);
    return f;
  };
  const text = { message: 'Choose a CSV file to import.', field: 'Choose a file' };

  it('give a chosen file', () => {
    const csv = new File(['sku,title\n'], 'p.csv', { type: 'text/csv' });
    expect(formFile(form(csv), 'file')?.name).toBe('p.csv');
    const required = requireFile(form(csv), 'file', text);
    expect(required.ok && required.file.name).toBe('p.csv');
  });

  it('treat a missing, empty or text value as no file, which is a field error', () => {
    const empty = new File([], 'empty.csv');
    const asText = new FormData();
    asText.set('file', 'not a file');
    expect(formFile(form(), 'file')).toBeNull();
    expect(formFile(form(empty), 'file')).toBeNull();
    expect(formFile(asText, 'file')).toBeNull();
    expect(requireFile(form(empty), 'file', text, { note: 'x' })).toEqual({
      ok: false,
      reply: {
        ok: false,
        message: 'Choose a CSV file to import.',
        fields: { file: ['Choose a file'] },
        values: { note: 'x' },
      },
    });
  });
});
