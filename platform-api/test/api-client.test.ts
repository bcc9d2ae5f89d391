import { type PlatformApi, platformApi, type TenantApi, type Transport, tenantApi } from '@agora/api-client';
import * as c from '@agora/contracts';
import { newId } from '@agora/contracts';
import { hashLinkToken, newLinkToken, signEmailVerificationToken } from '@agora/core';
import { withTenant } from '@agora/db';
import { tinyPng } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addVendor, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness, STAFF } from './harness.js';
import { applicationForm, file, pngFile } from './vendor-helpers.js';

/**
 * The real api-client against the real API, wired as the Remix loaders wire it (the Hono app's
 * own fetch, in process): every client method is called with valid input and its typed result
 * must parse with the contracts schema the route documents. A client method missing from the
 * table fails the coverage test, so a new one cannot go untested.
 */
let h: ApiHarness;
let t: T;
let vendorId: string;
const api = {} as {
  anon: TenantApi;
  operator: TenantApi;
  vendor: TenantApi;
  applicant: TenantApi;
  platform: PlatformApi;
};
const state: Record<string, string> = {};

const transport = (host: string): Transport => ({
  fetch: (request) =>
    Promise.resolve(h.api.app.fetch(request, { incoming: { socket: { remoteAddress: '10.9.9.9' } } })),
  origin: `http://${host}`,
});

/** A one-time link token for `userId`, as the emailed link carries it. */
async function linkToken(userId: string, purpose: 'invite' | 'reset'): Promise<string> {
  const { raw, hash } = newLinkToken();
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.userTokens).values({
      id: newId('tok'),
      userId,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + 3600_000),
    }),
  );
  expect(hashLinkToken(raw)).toBe(hash);
  return raw;
}

const PRODUCT: c.ProductBodyInput = {
  sku: 'API-CLIENT-1',
  title: 'Hex bolt M8',
  unit: 'piece',
  currency: 'EUR',
  basePriceMinor: 250,
  stockQty: 500,
  tiers: [
    { minQty: 1, unitPriceMinor: 250 },
    { minQty: 100, unitPriceMinor: 200 },
  ],
};

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('api-client');
  const host = `${t.slug}.localhost`;
  vendorId = await addVendor(h, t, 'Client Vendor');
  const anon = tenantApi(transport(host));
  api.anon = anon;
  api.operator = anon.withToken(await userToken(h, t, 'owner'));
  api.vendor = anon.withToken(await userToken(h, t, 'vendor_admin', vendorId));
  // A vendor still applying: its profile and documents can change.
  const pending = await addVendor(h, t, 'Pending Vendor', 'pending');
  api.applicant = anon.withToken(await userToken(h, t, 'vendor_admin', pending));
  api.platform = platformApi(transport(h.config.platformHost));
}, 120_000);
afterAll(() => h?.close());

type Case = { call: () => Promise<unknown>; schema: z.ZodType };

// In order: later calls use what earlier ones made (state).
const TENANT: Record<Exclude<keyof TenantApi, 'withToken'>, Case> = {
  storefront: { call: () => api.anon.storefront(), schema: c.Storefront },
  requestPasswordReset: {
    call: () => api.anon.requestPasswordReset('nobody@api-client.test'),
    schema: c.PasswordResetRequested,
  },
  inviteOperator: {
    call: async () => {
      const member = await api.operator.inviteOperator('invitee@api-client.test');
      state.invitee = member.id;
      return member;
    },
    schema: c.TeamMember,
  },
  acceptInvite: {
    call: async () =>
      api.anon.acceptInvite({
        token: await linkToken(state.invitee!, 'invite'),
        password: 'invitee-password-1',
      }),
    schema: c.Session,
  },
  login: { call: () => api.anon.login('invitee@api-client.test', 'invitee-password-1'), schema: c.Session },
  confirmPasswordReset: {
    call: async () =>
      api.anon.confirmPasswordReset({
        token: await linkToken(state.invitee!, 'reset'),
        password: 'invitee-password-2',
      }),
    schema: c.Session,
  },
  me: { call: () => api.operator.me(), schema: c.Me },
  user: { call: () => api.operator.user(state.invitee!), schema: c.User },
  team: { call: () => api.operator.team(), schema: c.TeamPage },
  removeTeamMember: { call: () => api.operator.removeTeamMember(state.invitee!), schema: z.undefined() },
  branding: { call: () => api.operator.branding(), schema: c.Branding },
  updateBranding: {
    call: () =>
      api.operator.updateBranding({
        name: 'Client Shop',
        tagline: 'Typed',
        primaryColor: '#1f4f8b',
        accentColor: '#b45309',
        font: 'inter',
      }),
    schema: c.Branding,
  },
  uploadLogo: { call: () => api.operator.uploadLogo(tinyPng(), 'image/png'), schema: c.Branding },
  deleteLogo: { call: () => api.operator.deleteLogo(), schema: c.Branding },
  marketplaceSettings: { call: () => api.operator.marketplaceSettings(), schema: c.MarketplaceSettings },
  updateMarketplaceSettings: {
    call: () => api.operator.updateMarketplaceSettings({ autoApproveVendors: false, moderateProducts: true }),
    schema: c.MarketplaceSettings,
  },
  createCategory: {
    call: async () => {
      const category = await api.operator.createCategory({ name: 'Fasteners' });
      state.category = category.id;
      state.categorySlug = category.slug;
      return category;
    },
    schema: c.Category,
  },
  updateCategory: {
    call: () => api.operator.updateCategory(state.category!, { name: 'Bolts and nuts' }),
    schema: c.Category,
  },
  setCategoryArchived: {
    call: async () => {
      await api.operator.setCategoryArchived(state.category!, true);
      return api.operator.setCategoryArchived(state.category!, false);
    },
    schema: c.Category,
  },
  operatorCategories: { call: () => api.operator.operatorCategories(), schema: c.CategoryTree },
  categories: { call: () => api.anon.categories({ counts: 'true' }), schema: c.CategoryTree },
  category: { call: () => api.anon.category(state.categorySlug!), schema: c.CategoryWithAncestors },
  vendorProfile: { call: () => api.applicant.vendorProfile(), schema: c.Vendor },
  updateVendorProfile: {
    call: () =>
      api.applicant.updateVendorProfile({
        businessName: 'Client Vendor',
        legalName: 'Client Vendor Ltd',
        country: 'DE',
        taxId: 'DE999',
        contactName: 'Cleo Client',
        contactEmail: 'cleo@api-client.test',
        website: null,
        description: 'Bolts, nuts and washers for builders.',
        industries: ['construction'],
      }),
    schema: c.Vendor,
  },
  addVendorDocuments: {
    call: () => {
      const form = new FormData();
      form.append('documents', pngFile());
      return api.applicant.addVendorDocuments(form);
    },
    schema: c.VendorDocuments,
  },
  vendorTeam: { call: () => api.vendor.vendorTeam(), schema: c.VendorTeamPage },
  inviteVendorStaff: {
    call: async () => {
      const member = await api.vendor.inviteVendorStaff('staff@api-client.test');
      state.staff = member.id;
      return member;
    },
    schema: c.VendorTeamMember,
  },
  removeVendorStaff: { call: () => api.vendor.removeVendorStaff(state.staff!), schema: z.undefined() },
  createProduct: {
    call: async () => {
      const product = await api.vendor.createProduct({ ...PRODUCT, categoryId: state.category! });
      state.product = product.id;
      return product;
    },
    schema: c.VendorProduct,
  },
  updateProduct: {
    call: () => api.vendor.updateProduct(state.product!, { ...PRODUCT, title: 'Hex bolt M8 x 40' }),
    schema: c.VendorProduct,
  },
  vendorProduct: { call: () => api.vendor.vendorProduct(state.product!), schema: c.VendorProduct },
  vendorProducts: { call: () => api.vendor.vendorProducts({ q: 'bolt' }), schema: c.ProductSummaryPage },
  addProductImage: {
    call: async () => {
      const form = new FormData();
      form.append('file', file('a.png', tinyPng(), 'image/png'));
      await api.vendor.addProductImage(state.product!, form);
      const again = new FormData();
      again.append('file', file('b.png', tinyPng([0, 0, 0, 255]), 'image/png'));
      return api.vendor.addProductImage(state.product!, again);
    },
    schema: c.ProductImages,
  },
  reorderProductImages: {
    call: () => api.vendor.reorderProductImages(state.product!, [1, 0]),
    schema: c.ProductImages,
  },
  deleteProductImage: {
    call: () => api.vendor.deleteProductImage(state.product!, 1),
    schema: c.ProductImages,
  },
  publishProduct: { call: () => api.vendor.publishProduct(state.product!), schema: c.VendorProduct },
  operatorProducts: {
    call: () => api.operator.operatorProducts({ vendorId }),
    schema: c.OperatorProductPage,
  },
  operatorProduct: { call: () => api.operator.operatorProduct(state.product!), schema: c.OperatorProduct },
  moderateProduct: {
    call: async () => {
      // Moderated marketplace: sent back once, then approved and public.
      await api.operator.moderateProduct(state.product!, 'reject', 'Photos show another product');
      await api.vendor.publishProduct(state.product!);
      return api.operator.moderateProduct(state.product!, 'approve');
    },
    schema: c.OperatorProduct,
  },
  product: { call: () => api.anon.product(state.product!), schema: c.PublicProduct },
  quote: { call: () => api.anon.quote(state.product!, 150), schema: c.ProductQuote },
  search: {
    call: () => api.anon.search({ q: 'bolt', priceMin: '0', priceMax: '1000', currency: 'EUR' }),
    schema: c.SearchResult,
  },
  vendors: { call: () => api.anon.vendors(), schema: c.PublicVendorPage },
  vendor: { call: () => api.anon.vendor(vendorId), schema: c.PublicVendor },
  operatorVendors: {
    call: () => api.operator.operatorVendors({ status: 'approved' }),
    schema: c.VendorSummaryPage,
  },
  operatorVendor: { call: () => api.operator.operatorVendor(vendorId), schema: c.VendorDetail },
  applyAsVendor: {
    call: async () => {
      const result = await api.anon.applyAsVendor(applicationForm('apply@api-client.test'));
      state.applicant = result.id;
      state.applicantUser = result.adminUserId;
      return result;
    },
    schema: c.VendorApplicationResult,
  },
  verifyEmail: {
    call: async () =>
      api.anon.verifyEmail(
        await signEmailVerificationToken(h.config.jwtKeys, {
          tenantId: t.id,
          userId: state.applicantUser!,
          email: 'apply@api-client.test',
        }),
      ),
    schema: c.EmailVerified,
  },
  decideVendor: {
    call: () => api.operator.decideVendor(state.applicant!, 'reject', { reason: 'Not a fit' }),
    schema: c.VendorDetail,
  },
  startImport: {
    call: async () => {
      const started = await api.vendor.startImport(await api.vendor.csvTemplate());
      state.import = started.id;
      return started;
    },
    schema: c.CatalogImport,
  },
  importStatus: { call: () => api.vendor.importStatus(state.import!), schema: c.CatalogImport },
  imports: { call: () => api.vendor.imports(), schema: c.CatalogImportPage },
  csvTemplate: { call: () => api.vendor.csvTemplate(), schema: z.string().min(1) },
  exportCsv: { call: () => api.vendor.exportCsv(), schema: z.string().includes('API-CLIENT-1') },
  createCommissionRule: {
    call: async () => {
      const rule = await api.operator.createCommissionRule({
        scope: 'category',
        categoryId: state.category!,
        kind: 'percent',
        rateBps: 1_000,
        maxAmounts: { EUR: 1_500 },
        validFrom: '2026-01-01',
      });
      state.rule = rule.id;
      return rule;
    },
    schema: c.CommissionRule,
  },
  updateCommissionRule: {
    call: () =>
      api.operator.updateCommissionRule(state.rule!, {
        scope: 'category',
        categoryId: state.category!,
        kind: 'flat_per_unit',
        amounts: { EUR: 5 },
      }),
    schema: c.CommissionRule,
  },
  setCommissionRuleEnabled: {
    call: async () => {
      await api.operator.setCommissionRuleEnabled(state.rule!, false);
      return api.operator.setCommissionRuleEnabled(state.rule!, true);
    },
    schema: c.CommissionRule,
  },
  commissionRule: { call: () => api.operator.commissionRule(state.rule!), schema: c.CommissionRule },
  commissionRules: {
    call: () => api.operator.commissionRules({ scope: 'category', enabled: 'true' }),
    schema: c.CommissionRuleList,
  },
  commissionRuleVersions: {
    call: () => api.operator.commissionRuleVersions(state.rule!),
    schema: c.CommissionRuleVersions.refine((v) => v.data.length === 4),
  },
  explainCommission: {
    call: () => api.operator.explainCommission({ productId: state.product!, qty: 100 }),
    schema: c.CommissionExplanation,
  },
  previewCommission: {
    call: () =>
      api.operator.previewCommission({
        productId: state.product!,
        qty: 100,
        rule: { scope: 'vendor', vendorId, kind: 'percent', rateBps: 300 },
      }),
    schema: c.CommissionPreview,
  },
  simulateCommission: {
    call: () => api.operator.simulateCommission({ changes: [{ action: 'disable', ruleId: state.rule! }] }),
    schema: c.CommissionSimulation,
  },
};

const PLATFORM: Record<Exclude<keyof PlatformApi, 'withToken'>, Case> = {
  login: {
    call: async () => {
      const session = await api.platform.login(STAFF.email, STAFF.password);
      api.platform = api.platform.withToken(session.token);
      return session;
    },
    schema: c.Session,
  },
  me: { call: () => api.platform.me(), schema: c.Staff },
  createTenant: {
    call: async () => {
      const tenant = await api.platform.createTenant({
        name: 'Client Co',
        slug: 'api-client-two',
        ownerEmail: 'owner@api-client-two.test',
      });
      state.tenant = tenant.id;
      return tenant;
    },
    schema: c.Tenant,
  },
  listTenants: { call: () => api.platform.listTenants({ q: 'client' }), schema: c.TenantPage },
  getTenant: { call: () => api.platform.getTenant(state.tenant!), schema: c.Tenant },
  suspendTenant: { call: () => api.platform.suspendTenant(t.id, 'Testing the client'), schema: c.Tenant },
  resumeTenant: { call: () => api.platform.resumeTenant(t.id), schema: c.Tenant },
  retryTenant: {
    call: async () => {
      try {
        return await api.platform.retryTenant(state.tenant!);
      } catch (e) {
        // Only a failed tenant can be retried: 409 for this one, in the one error shape.
        expect(e).toMatchObject({ status: 409, code: 'invalid_state' });
        return api.platform.getTenant(state.tenant!);
      }
    },
    schema: c.Tenant,
  },
};

describe('the api-client against the API', () => {
  it('covers every method of both clients', () => {
    const tenantMethods = Object.keys(tenantApi(transport('x.localhost'))).filter((k) => k !== 'withToken');
    const platformMethods = Object.keys(platformApi(transport('x.localhost'))).filter(
      (k) => k !== 'withToken',
    );
    expect(tenantMethods.sort()).toEqual(Object.keys(TENANT).sort());
    expect(platformMethods.sort()).toEqual(Object.keys(PLATFORM).sort());
  });

  for (const [name, { call, schema }] of Object.entries(TENANT))
    it(`tenantApi.${name} returns what the contract says`, async () => {
      const result = await call();
      const parsed = schema.safeParse(result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });

  for (const [name, { call, schema }] of Object.entries(PLATFORM))
    it(`platformApi.${name} returns what the contract says`, async () => {
      const result = await call();
      const parsed = schema.safeParse(result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
});
