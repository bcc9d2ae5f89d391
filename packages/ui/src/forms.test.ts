import { UpdateVendorProfileBody } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { apiErrorReply, errorsOf, formValues, parseForm } from './forms.js';

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
});
