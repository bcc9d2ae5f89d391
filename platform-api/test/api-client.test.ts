import { type PlatformApi, platformApi, type TenantApi, type Transport, tenantApi } from '@agora/api-client';
import * as c from '@agora/contracts';
import { newId } from '@agora/contracts';
import { hashLinkToken, newLinkToken, signEmailVerificationToken } from '@agora/core';
import { platformTables, withTenant } from '@agora/db';
import { tinyPng } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addBuyingCompany } from './buyer-helpers.js';
import { addVendor, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness, STAFF } from './harness.js';
import { bookedOrder } from './ledger-helpers.js';
import { placeOrder, setUpTrade } from './order-helpers.js';
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
  buyer: TenantApi;
  buyerAdmin: TenantApi;
  approver: TenantApi;
  platform: PlatformApi;
};
const state: Record<string, string> = {};
const orders = {} as { vendor: TenantApi; buyer: TenantApi; operator: TenantApi };

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

const SIGN_UP: c.CompanySignUpInput = {
  legalName: 'Signup Buyer AG',
  country: 'AT',
  taxId: 'ATU1234567',
  billingAddress: { line1: 'Ring 1', city: 'Wien', postalCode: '1010', country: 'AT' },
  shippingAddresses: [
    { label: 'Warehouse', address: { line1: 'Hafen 2', city: 'Wien', postalCode: '1020', country: 'AT' } },
  ],
  name: 'Sigrid Signup',
  email: 'signup@api-client.test',
  password: 'signup-password-1',
};

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
  // Nothing answers DNS there: checkDomain's lookup fails at once instead of waiting on the system's resolvers.
  h = await createApiHarness({ AGORA_DNS_SERVERS: '127.0.0.1:9' });
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
  // A buyer whose every order waits for approval (limit 1 cent a month), and an approver.
  const company = await addBuyingCompany(h, t);
  state.address = company.addressId;
  api.buyer = anon.withToken((await company.member('buyer_member', [1, 'month'])).token);
  api.approver = anon.withToken((await company.member('buyer_approver')).token);
  api.buyerAdmin = anon.withToken((await company.member('buyer_admin')).token);
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
  requestEmailVerification: {
    call: () => api.buyer.requestEmailVerification(),
    schema: c.EmailVerificationSent,
  },
  buyerAccount: { call: () => api.buyer.buyerAccount(), schema: c.BuyerAccount },
  signUpCompany: {
    call: async () => {
      const result = await api.anon.signUpCompany(SIGN_UP);
      state.signedUp = result.companyId;
      return result;
    },
    schema: c.CompanySignUpResult,
  },
  ownCompany: { call: () => api.buyer.ownCompany(), schema: c.Company },
  updateOwnCompany: {
    call: () =>
      api.buyerAdmin.updateOwnCompany({
        legalName: 'Client Buyer GmbH',
        country: 'DE',
        taxId: 'DE123456',
        billingAddress: SIGN_UP.billingAddress,
      }),
    schema: c.Company,
  },
  addShippingAddress: {
    call: async () => {
      const company = await api.buyerAdmin.addShippingAddress({
        label: 'Dock 2',
        address: SIGN_UP.billingAddress,
      });
      state.ownAddress = company.shippingAddresses.at(-1)!.id;
      return company;
    },
    schema: c.Company,
  },
  updateShippingAddress: {
    call: () =>
      api.buyerAdmin.updateShippingAddress(state.ownAddress!, {
        label: 'Dock 3',
        address: SIGN_UP.billingAddress,
      }),
    schema: c.Company,
  },
  removeShippingAddress: {
    call: () => api.buyerAdmin.removeShippingAddress(state.ownAddress!),
    schema: c.Company,
  },
  inviteCompanyMember: {
    call: async () => {
      const member = await api.buyerAdmin.inviteCompanyMember({
        email: 'member@api-client.test',
        role: 'buyer_member',
        spendingLimitMinor: 50_000,
        spendingPeriod: 'month',
      });
      state.member = member.id;
      return member;
    },
    schema: c.CompanyMember,
  },
  companyMembers: { call: () => api.buyerAdmin.companyMembers(), schema: c.CompanyMemberPage },
  updateCompanyMember: {
    call: () =>
      api.buyerAdmin.updateCompanyMember(state.member!, { role: 'buyer_approver', spendingLimitMinor: null }),
    schema: c.CompanyMember,
  },
  removeCompanyMember: {
    call: () => api.buyerAdmin.removeCompanyMember(state.member!),
    schema: z.undefined(),
  },
  operatorCompanies: {
    call: () => api.operator.operatorCompanies({ status: 'pending' }),
    schema: c.CompanySummaryPage,
  },
  operatorCompany: { call: () => api.operator.operatorCompany(state.signedUp!), schema: c.CompanyDetail },
  decideCompany: {
    call: () => api.operator.decideCompany(state.signedUp!, { action: 'approve' }),
    schema: c.CompanyDetail,
  },
  updateCompanyTerms: {
    call: () =>
      api.operator.updateCompanyTerms(state.signedUp!, {
        paymentTerms: 'net',
        netDays: 30,
        creditLimitMinor: 1_000_000,
      }),
    schema: c.CompanyDetail,
  },
  user: { call: () => api.operator.user(state.invitee!), schema: c.User },
  team: { call: () => api.operator.team(), schema: c.TeamPage },
  removeTeamMember: { call: () => api.operator.removeTeamMember(state.invitee!), schema: z.undefined() },
  domains: { call: () => api.operator.domains(), schema: c.TenantDomainList },
  addDomain: {
    call: async () => {
      const domain = await api.operator.addDomain({ domain: 'Shop.API-Client.test.' });
      state.domain = domain.id;
      return domain;
    },
    schema: c.TenantDomain,
  },
  checkDomain: { call: () => api.operator.checkDomain(state.domain!), schema: c.TenantDomain },
  makeDomainPrimary: {
    call: async () => {
      // Only a verified domain can be primary; verification itself is domains.test.ts's.
      await h.runtime.database.platform
        .update(platformTables.domains)
        .set({ status: 'verified' })
        .where(eq(platformTables.domains.id, state.domain!));
      return api.operator.makeDomainPrimary(state.domain!);
    },
    schema: c.TenantDomain,
  },
  clearPrimaryDomain: { call: () => api.operator.clearPrimaryDomain(), schema: z.undefined() },
  removeDomain: {
    call: async () => {
      const spare = await api.operator.addDomain({ domain: 'spare.api-client.test' });
      return api.operator.removeDomain(spare.id);
    },
    schema: z.undefined(),
  },
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
  // Orders after placement (ADR 0036): a cast of its own (order-helpers), orders placed by placement.
  vendorOrders: {
    call: async () => {
      const trade = await setUpTrade(h, t, 'ac');
      const as = (token: string) => api.anon.withToken(token);
      Object.assign(orders, {
        vendor: as(trade.tokens.vendorA),
        buyer: as(trade.tokens.member),
        operator: as(trade.tokens.operator),
      });
      for (const key of ['first', 'second', 'third'])
        state[key] = await placeOrder(h, t, trade.users.member, trade.address, 'prd_ac_a', 2);
      return orders.vendor.vendorOrders({ status: 'placed' });
    },
    schema: c.OrderPage,
  },
  vendorOrder: { call: () => orders.vendor.vendorOrder(state.first!), schema: c.OrderDetail },
  acceptOrder: { call: () => orders.vendor.acceptOrder(state.first!), schema: c.OrderDetail },
  rejectOrder: {
    call: () => orders.vendor.rejectOrder(state.second!, { reason: 'Out of stock' }),
    schema: c.OrderDetail,
  },
  shipOrder: {
    call: async () => {
      const order = await orders.vendor.shipOrder(state.first!, {
        carrier: 'DHL',
        trackingNumber: 'AC-1',
        lines: [{ lineNo: 1, qty: 2 }],
      });
      state.shipment = order.shipments[0]!.id;
      return order;
    },
    schema: c.OrderDetail,
  },
  addTrackingEvent: {
    call: () => orders.vendor.addTrackingEvent(state.first!, state.shipment!, { status: 'in_transit' }),
    schema: c.OrderDetail,
  },
  vendorMarkDelivered: { call: () => orders.vendor.vendorMarkDelivered(state.first!), schema: c.OrderDetail },
  vendorCompleteOrder: { call: () => orders.vendor.vendorCompleteOrder(state.first!), schema: c.OrderDetail },
  vendorInvoice: { call: () => orders.vendor.vendorInvoice(state.first!), schema: c.InvoiceDocument },
  vendorInvoicePdf: {
    call: async () => (await orders.vendor.vendorInvoicePdf(state.first!)).text(),
    schema: z.string().startsWith('%PDF-'),
  },
  vendorOrdersCsv: {
    call: async () => (await orders.vendor.vendorOrdersCsv({ status: 'completed' })).text(),
    schema: z.string().includes('order_id'),
  },
  buyerOrders: { call: () => orders.buyer.buyerOrders(), schema: c.OrderPage },
  buyerOrder: { call: () => orders.buyer.buyerOrder(state.first!), schema: c.OrderDetail },
  buyerInvoice: { call: () => orders.buyer.buyerInvoice(state.first!), schema: c.InvoiceDocument },
  buyerInvoicePdf: {
    call: async () => (await orders.buyer.buyerInvoicePdf(state.first!)).text(),
    schema: z.string().startsWith('%PDF-'),
  },
  buyAgain: { call: () => orders.buyer.buyAgain(state.first!), schema: c.BuyAgainResult },
  buyerCancelOrder: {
    call: () => orders.buyer.buyerCancelOrder(state.third!, { reason: 'Ordered twice' }),
    schema: c.OrderDetail,
  },
  confirmOrderReceipt: {
    call: async () => {
      const id = await placeOrder(h, t, 'usr_ac_member', 'adr_ac_1', 'prd_ac_a', 1);
      await orders.vendor.acceptOrder(id);
      await orders.vendor.shipOrder(id, {
        carrier: 'UPS',
        trackingNumber: 'AC-2',
        lines: [{ lineNo: 1, qty: 1 }],
      });
      state.received = id;
      return orders.buyer.confirmOrderReceipt(id);
    },
    schema: c.OrderDetail,
  },
  vendorCancelOrder: {
    call: async () => {
      const id = await placeOrder(h, t, 'usr_ac_member', 'adr_ac_1', 'prd_ac_a', 1);
      await orders.vendor.acceptOrder(id);
      return orders.vendor.vendorCancelOrder(id, { reason: 'Discontinued' });
    },
    schema: c.OrderDetail,
  },
  operatorOrders: {
    call: () => orders.operator.operatorOrders({ vendorId: 'ven_ac_a' }),
    schema: c.OrderPage,
  },
  operatorOrder: { call: () => orders.operator.operatorOrder(state.first!), schema: c.OrderDetail },
  operatorOrdersCsv: {
    call: async () => (await orders.operator.operatorOrdersCsv()).text(),
    schema: z.string().includes(state.first ?? 'order_id'),
  },
  operatorCancelOrder: {
    call: async () => {
      const id = await placeOrder(h, t, 'usr_ac_member', 'adr_ac_1', 'prd_ac_a', 1);
      return orders.operator.operatorCancelOrder(id, { reason: 'Fraud check failed' });
    },
    schema: c.OrderDetail,
  },
  operatorCompleteOrder: {
    call: () => orders.operator.operatorCompleteOrder(state.received!),
    schema: c.OrderDetail,
  },
  operatorInvoice: { call: () => orders.operator.operatorInvoice(state.first!), schema: c.InvoiceDocument },
  operatorInvoicePdf: {
    call: async () => (await orders.operator.operatorInvoicePdf(state.first!)).text(),
    schema: z.string().startsWith('%PDF-'),
  },
  trackingWebhook: { call: () => orders.operator.trackingWebhook(), schema: c.TrackingWebhookSettings },
  rotateTrackingWebhookSecret: {
    call: () => orders.operator.rotateTrackingWebhookSecret(),
    schema: c.TrackingWebhookSettings,
  },
  // Buying (the product above is published and approved by now).
  cart: { call: () => api.buyer.cart(), schema: c.Cart },
  addCartLine: { call: () => api.buyer.addCartLine({ productId: state.product!, qty: 150 }), schema: c.Cart },
  setCartLineQty: { call: () => api.buyer.setCartLineQty(state.product!, { qty: 200 }), schema: c.Cart },
  removeCartLine: { call: () => api.buyer.removeCartLine(state.product!), schema: c.Cart },
  quickOrder: {
    call: () => api.buyer.quickOrder('sku,quantity\nAPI-CLIENT-1, 100\nNOPE, 1'),
    schema: c.QuickOrderResult,
  },
  checkoutPreview: { call: () => api.buyer.checkoutPreview({ currency: 'EUR' }), schema: c.CheckoutPreview },
  placeCheckout: {
    call: async () => {
      const result = await api.buyer.placeCheckout('api-client-checkout-1', {
        currency: 'EUR',
        shippingAddressId: state.address!,
      });
      state.group = result.groupId;
      return result;
    },
    schema: c.CheckoutResult.extend({ status: z.literal('awaiting_approval') }),
  },
  myCheckouts: {
    call: () => api.buyer.myCheckouts({ status: 'awaiting_approval' }),
    schema: c.CheckoutGroupPage,
  },
  checkout: { call: () => api.buyer.checkout(state.group!), schema: c.CheckoutGroup },
  approvals: { call: () => api.approver.approvals(), schema: c.CheckoutGroupPage },
  approveCheckout: {
    call: () => api.approver.approveCheckout(state.group!),
    schema: c.CheckoutResult.extend({ status: z.literal('placed') }),
  },
  declineCheckout: {
    call: async () => {
      await api.buyer.addCartLine({ productId: state.product!, qty: 100 });
      const waiting = await api.buyer.placeCheckout('api-client-checkout-2', {
        currency: 'EUR',
        shippingAddressId: state.address!,
      });
      return api.approver.declineCheckout(waiting.groupId, 'Not this month');
    },
    schema: c.CheckoutResult.extend({ status: z.literal('declined') }),
  },
  clearCart: {
    call: async () => {
      await api.buyer.addCartLine({ productId: state.product!, qty: 100 });
      return api.buyer.clearCart();
    },
    schema: c.Cart.extend({ lineCount: z.literal(0) }),
  },
  recordInvoicePayment: {
    call: async () => {
      const order = await bookedOrder(h, t, vendorId, { delivered: true });
      return api.operator.recordInvoicePayment({
        idempotencyKey: 'client-payment-1',
        orderIds: [order.orderId],
        currency: 'EUR',
        amountMinor: order.totalMinor,
        paidOn: '2026-12-01',
        reference: 'BANK-1',
      });
    },
    schema: c.LedgerPosting,
  },
  recordVendorPayout: {
    call: () =>
      api.operator.recordVendorPayout({
        idempotencyKey: 'client-payout-1',
        vendorId,
        currency: 'EUR',
        amountMinor: 5_000,
        paidOn: '2026-12-02',
        reference: 'PAYOUT-1',
      }),
    schema: c.LedgerPosting,
  },
  revenueDashboard: {
    call: () => api.operator.revenueDashboard({ from: '2020-01-01' }),
    schema: c.RevenueDashboard,
  },
  receivables: { call: () => api.operator.receivables(), schema: c.ReceivablesPage },
  payables: { call: () => api.operator.payables({ limit: 5 }), schema: c.PayablesPage },
  vendorBalance: {
    call: () => api.vendor.vendorBalance(),
    schema: c.VendorBalances.refine((b) => b.data[0]?.paidMinor === 5_000),
  },
  vendorStatement: {
    call: () => api.vendor.vendorStatement({ currency: 'EUR' }),
    // Earlier cases placed orders of this vendor too: the booked order and the payout are among them.
    schema: c.StatementPage.refine(
      (p) =>
        p.data.some((e) => e.kind === 'vendor_paid' && e.amountMinor === -5_000) &&
        p.data.some((e) => e.kind === 'order_placed'),
    ),
  },
  vendorStatementCsv: {
    call: () => api.vendor.vendorStatementCsv({ from: '2020-01-01' }),
    schema: z.string().includes('PAYOUT-1'),
  },
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
  tenantDomains: { call: () => api.platform.tenantDomains(t.id), schema: c.TenantDomainList },
  removeTenantDomain: {
    call: async () => {
      const extra = await api.operator.addDomain({ domain: 'staff-removes.api-client.test' });
      return api.platform.removeTenantDomain(t.id, extra.id);
    },
    schema: z.undefined(),
  },
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
