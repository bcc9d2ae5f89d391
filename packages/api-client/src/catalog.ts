import type * as C from '@agora/contracts';
import { type QueryOf, request, requestText, type Transport } from './http.js';

/** What `search` takes: the contract's parameters, as an address gives them. */
export type SearchQuery = QueryOf<C.SearchQueryInput>;

/** The catalog and vendor shapes, derived from @agora/contracts (type-only; see types.ts). */
export type {
  CatalogImport as ImportStatus,
  CatalogImportSummary as ImportSummary,
  CategoryNode as Category,
  CategoryNode as OperatorCategory,
  CategoryRef,
  CategoryWithAncestors,
  CreateCategoryInput,
  EmailVerified,
  MarketplaceSettings,
  OperatorProduct,
  OperatorProductListQuery,
  OperatorProductSummary,
  OperatorVendorListInput as OperatorVendorListQuery,
  ProductBodyInput as ProductInput,
  ProductImage,
  ProductQuote as Quote,
  ProductSummary,
  PublicProduct,
  PublicVendor,
  PublicVendorListInput as PublicVendorListQuery,
  SearchResult,
  TierRow,
  UpdateCategoryInput as CategoryInput,
  Vendor,
  VendorApplicationResult,
  VendorDetail,
  VendorDetail as OperatorVendor,
  VendorDocument,
  VendorProduct,
  VendorProductListQuery,
  VendorProfileInput,
  VendorStatus,
  VendorSummary,
  VendorTeamMember,
} from '@agora/contracts';

/** A category tree flattened depth-first, with each node's depth (for selects and lists). */
export function flattenCategories<C extends { children?: C[] }>(
  tree: C[],
  depth = 0,
): (C & { depth: number })[] {
  return tree.flatMap((c) => [{ ...c, depth }, ...flattenCategories(c.children ?? [], depth + 1)]);
}

export function catalogClient(t: Transport) {
  const id = encodeURIComponent;
  return {
    // public
    /** The public tree; `depth: 1` gives the top-level categories only. */
    categories: (query: QueryOf<C.CategoryTreeQuery> = {}) =>
      request<{ data: C.CategoryNode[] }>(t, '/api/v1/categories', { query }),
    /** One category (with everything below it) and its ancestors; a 404 ApiError if absent or archived. */
    category: (slug: string) => request<C.CategoryWithAncestors>(t, `/api/v1/categories/${id(slug)}`),
    search: (query: QueryOf<C.SearchQueryInput>) => request<C.SearchResult>(t, '/api/v1/search', { query }),
    product: (productId: string) => request<C.PublicProduct>(t, `/api/v1/products/${id(productId)}`),
    quote: (productId: string, qty: number) =>
      request<C.ProductQuote>(t, `/api/v1/products/${id(productId)}/quote`, { query: { qty } }),
    vendors: (query: QueryOf<C.PublicVendorListInput> = {}) =>
      request<C.Page<C.PublicVendor>>(t, '/api/v1/vendors', { query }),
    vendor: (vendorId: string) => request<C.PublicVendor>(t, `/api/v1/vendors/${id(vendorId)}`),
    verifyEmail: (token: string) =>
      request<C.EmailVerified>(t, '/api/v1/auth/verify-email', { body: { token } }),
    applyAsVendor: (form: FormData) =>
      request<C.VendorApplicationResult>(t, '/api/v1/vendor-applications', { form }),
    // operator
    operatorVendors: (query: QueryOf<C.OperatorVendorListInput> = {}) =>
      request<C.Page<C.VendorSummary>>(t, '/api/v1/operator/vendors', { query }),
    operatorVendor: (vendorId: string) =>
      request<C.VendorDetail>(t, `/api/v1/operator/vendors/${id(vendorId)}`),
    decideVendor: (
      vendorId: string,
      decision: 'approve' | 'verify' | 'reject' | 'request-info' | 'suspend' | 'reinstate',
      body: { reason?: string; message?: string } = {},
    ) => request<C.VendorDetail>(t, `/api/v1/operator/vendors/${id(vendorId)}/${decision}`, { body }),
    operatorCategories: () => request<{ data: C.CategoryNode[] }>(t, '/api/v1/operator/categories'),
    createCategory: (body: C.CreateCategoryInput) =>
      request<C.Category>(t, '/api/v1/operator/categories', { body }),
    updateCategory: (categoryId: string, body: C.UpdateCategoryInput) =>
      request<C.Category>(t, `/api/v1/operator/categories/${id(categoryId)}`, { method: 'PATCH', body }),
    setCategoryArchived: (categoryId: string, archived: boolean) =>
      request<C.Category>(
        t,
        `/api/v1/operator/categories/${id(categoryId)}/${archived ? 'archive' : 'restore'}`,
        { body: {} },
      ),
    operatorProducts: (query: QueryOf<C.OperatorProductListQuery> = {}) =>
      request<C.Page<C.OperatorProductSummary>>(t, '/api/v1/operator/products', { query }),
    operatorProduct: (productId: string) =>
      request<C.OperatorProduct>(t, `/api/v1/operator/products/${id(productId)}`),
    moderateProduct: (productId: string, decision: 'approve' | 'reject', reason?: string) =>
      request<C.OperatorProduct>(t, `/api/v1/operator/products/${id(productId)}/${decision}`, {
        body: decision === 'reject' ? { reason } : {},
      }),
    marketplaceSettings: () => request<C.MarketplaceSettings>(t, '/api/v1/settings/marketplace'),
    updateMarketplaceSettings: (body: C.MarketplaceSettingsBody) =>
      request<C.MarketplaceSettings>(t, '/api/v1/settings/marketplace', { method: 'PUT', body }),
    // vendor
    vendorProfile: () => request<C.Vendor>(t, '/api/v1/vendor/profile'),
    updateVendorProfile: (body: C.VendorProfileInput) =>
      request<C.Vendor>(t, '/api/v1/vendor/profile', { method: 'PUT', body }),
    /** Multipart, files in `documents`. */
    addVendorDocuments: (form: FormData) =>
      request<{ data: C.VendorDocument[] }>(t, '/api/v1/vendor/documents', { form }),
    vendorTeam: (query: C.PageQueryInput = {}) =>
      request<C.Page<C.VendorTeamMember>>(t, '/api/v1/vendor/team', { query }),
    inviteVendorStaff: (email: string) =>
      request<C.VendorTeamMember>(t, '/api/v1/vendor/team/invitations', { body: { email } }),
    removeVendorStaff: (userId: string) =>
      request<void>(t, `/api/v1/vendor/team/${id(userId)}`, { method: 'DELETE' }),
    vendorProducts: (query: QueryOf<C.VendorProductListQuery> = {}) =>
      request<C.Page<C.ProductSummary>>(t, '/api/v1/vendor/products', { query }),
    vendorProduct: (productId: string) =>
      request<C.VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}`),
    createProduct: (body: C.ProductBodyInput) =>
      request<C.VendorProduct>(t, '/api/v1/vendor/products', { body }),
    updateProduct: (productId: string, body: C.ProductBodyInput) =>
      request<C.VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}`, { method: 'PUT', body }),
    publishProduct: (productId: string) =>
      request<C.VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}/publish`, { body: {} }),
    /** Multipart, the image in `file` (PNG or JPEG, 2 MB). */
    addProductImage: (productId: string, form: FormData) =>
      request<{ images: C.ProductImage[] }>(t, `/api/v1/vendor/products/${id(productId)}/images`, { form }),
    reorderProductImages: (productId: string, positions: number[]) =>
      request<{ images: C.ProductImage[] }>(t, `/api/v1/vendor/products/${id(productId)}/images/order`, {
        method: 'PUT',
        body: { positions },
      }),
    deleteProductImage: (productId: string, position: number) =>
      request<{ images: C.ProductImage[] }>(
        t,
        `/api/v1/vendor/products/${id(productId)}/images/${position}`,
        {
          method: 'DELETE',
        },
      ),
    startImport: (csv: string) =>
      request<C.CatalogImport>(t, '/api/v1/vendor/imports', {
        raw: { bytes: new TextEncoder().encode(csv), contentType: 'text/csv' },
      }),
    importStatus: (importId: string) => request<C.CatalogImport>(t, `/api/v1/vendor/imports/${id(importId)}`),
    /** The vendor's imports, newest first; a 400 ApiError (field `cursor`) for a cursor that is not one. */
    imports: (query: C.PageQueryInput = {}) =>
      request<C.Page<C.CatalogImportSummary>>(t, '/api/v1/vendor/imports', { query }),
    csvTemplate: () => requestText(t, '/api/v1/vendor/products/csv-template'),
    exportCsv: () => requestText(t, '/api/v1/vendor/products/export.csv'),
  };
}
