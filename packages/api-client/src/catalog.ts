import type {
  CatalogImport,
  CatalogImportSummary,
  Category,
  CategoryNode,
  CategoryWithAncestors,
  CreateCategoryInput,
  EmailVerified,
  MarketplaceSettings,
  OperatorProduct,
  OperatorProductListQuery,
  OperatorProductSummary,
  OperatorVendorListInput,
  Page,
  PageQueryInput,
  ProductBodyInput,
  ProductImage,
  ProductQuote,
  ProductSummary,
  PublicProduct,
  PublicVendor,
  PublicVendorListInput,
  SearchQueryInput,
  SearchResult,
  UpdateCategoryInput,
  Vendor,
  VendorApplicationResult,
  VendorDetail,
  VendorDocument,
  VendorProduct,
  VendorProductListQuery,
  VendorProfileInput,
  VendorSummary,
  VendorTeamMember,
} from '@agora/contracts';
import { type QueryOf, request, requestText, type Transport } from './http.js';

/** The catalog and vendor shapes, derived from @agora/contracts (type-only; see types.ts). */
/** What `search` takes: the contract's parameters, as an address gives them. */
export type SearchQuery = QueryOf<SearchQueryInput>;

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
    categories: (query: { depth?: number; counts?: 'true' | 'false' } = {}) =>
      request<{ data: CategoryNode[] }>(t, '/api/v1/categories', { query }),
    /** One category (with everything below it) and its ancestors; a 404 ApiError if absent or archived. */
    category: (slug: string) => request<CategoryWithAncestors>(t, `/api/v1/categories/${id(slug)}`),
    search: (query: QueryOf<SearchQueryInput>) => request<SearchResult>(t, '/api/v1/search', { query }),
    product: (productId: string) => request<PublicProduct>(t, `/api/v1/products/${id(productId)}`),
    quote: (productId: string, qty: number) =>
      request<ProductQuote>(t, `/api/v1/products/${id(productId)}/quote`, { query: { qty } }),
    vendors: (query: QueryOf<PublicVendorListInput> = {}) =>
      request<Page<PublicVendor>>(t, '/api/v1/vendors', { query }),
    vendor: (vendorId: string) => request<PublicVendor>(t, `/api/v1/vendors/${id(vendorId)}`),
    verifyEmail: (token: string) =>
      request<EmailVerified>(t, '/api/v1/auth/verify-email', { body: { token } }),
    applyAsVendor: (form: FormData) =>
      request<VendorApplicationResult>(t, '/api/v1/vendor-applications', { form }),
    // operator
    operatorVendors: (query: QueryOf<OperatorVendorListInput> = {}) =>
      request<Page<VendorSummary>>(t, '/api/v1/operator/vendors', { query }),
    operatorVendor: (vendorId: string) =>
      request<VendorDetail>(t, `/api/v1/operator/vendors/${id(vendorId)}`),
    decideVendor: (
      vendorId: string,
      decision: 'approve' | 'verify' | 'reject' | 'request-info' | 'suspend' | 'reinstate',
      body: { reason?: string; message?: string } = {},
    ) => request<VendorDetail>(t, `/api/v1/operator/vendors/${id(vendorId)}/${decision}`, { body }),
    operatorCategories: () => request<{ data: CategoryNode[] }>(t, '/api/v1/operator/categories'),
    createCategory: (body: CreateCategoryInput) =>
      request<Category>(t, '/api/v1/operator/categories', { body }),
    updateCategory: (categoryId: string, body: UpdateCategoryInput) =>
      request<Category>(t, `/api/v1/operator/categories/${id(categoryId)}`, { method: 'PATCH', body }),
    setCategoryArchived: (categoryId: string, archived: boolean) =>
      request<Category>(
        t,
        `/api/v1/operator/categories/${id(categoryId)}/${archived ? 'archive' : 'restore'}`,
        { body: {} },
      ),
    operatorProducts: (query: QueryOf<OperatorProductListQuery> = {}) =>
      request<Page<OperatorProductSummary>>(t, '/api/v1/operator/products', { query }),
    operatorProduct: (productId: string) =>
      request<OperatorProduct>(t, `/api/v1/operator/products/${id(productId)}`),
    moderateProduct: (productId: string, decision: 'approve' | 'reject', reason?: string) =>
      request<OperatorProduct>(t, `/api/v1/operator/products/${id(productId)}/${decision}`, {
        body: decision === 'reject' ? { reason } : {},
      }),
    marketplaceSettings: () => request<MarketplaceSettings>(t, '/api/v1/settings/marketplace'),
    updateMarketplaceSettings: (body: MarketplaceSettings) =>
      request<MarketplaceSettings>(t, '/api/v1/settings/marketplace', { method: 'PUT', body }),
    // vendor
    vendorProfile: () => request<Vendor>(t, '/api/v1/vendor/profile'),
    updateVendorProfile: (body: VendorProfileInput) =>
      request<Vendor>(t, '/api/v1/vendor/profile', { method: 'PUT', body }),
    /** Multipart, files in `documents`. */
    addVendorDocuments: (form: FormData) =>
      request<{ data: VendorDocument[] }>(t, '/api/v1/vendor/documents', { form }),
    vendorTeam: (query: PageQueryInput = {}) =>
      request<Page<VendorTeamMember>>(t, '/api/v1/vendor/team', { query }),
    inviteVendorStaff: (email: string) =>
      request<VendorTeamMember>(t, '/api/v1/vendor/team/invitations', { body: { email } }),
    removeVendorStaff: (userId: string) =>
      request<void>(t, `/api/v1/vendor/team/${id(userId)}`, { method: 'DELETE' }),
    vendorProducts: (query: QueryOf<VendorProductListQuery> = {}) =>
      request<Page<ProductSummary>>(t, '/api/v1/vendor/products', { query }),
    vendorProduct: (productId: string) =>
      request<VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}`),
    createProduct: (body: ProductBodyInput) => request<VendorProduct>(t, '/api/v1/vendor/products', { body }),
    updateProduct: (productId: string, body: ProductBodyInput) =>
      request<VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}`, { method: 'PUT', body }),
    publishProduct: (productId: string) =>
      request<VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}/publish`, { body: {} }),
    /** Multipart, the image in `file` (PNG or JPEG, 2 MB). */
    addProductImage: (productId: string, form: FormData) =>
      request<{ images: ProductImage[] }>(t, `/api/v1/vendor/products/${id(productId)}/images`, { form }),
    reorderProductImages: (productId: string, positions: number[]) =>
      request<{ images: ProductImage[] }>(t, `/api/v1/vendor/products/${id(productId)}/images/order`, {
        method: 'PUT',
        body: { positions },
      }),
    deleteProductImage: (productId: string, position: number) =>
      request<{ images: ProductImage[] }>(t, `/api/v1/vendor/products/${id(productId)}/images/${position}`, {
        method: 'DELETE',
      }),
    startImport: (csv: string) =>
      request<CatalogImport>(t, '/api/v1/vendor/imports', {
        raw: { bytes: new TextEncoder().encode(csv), contentType: 'text/csv' },
      }),
    importStatus: (importId: string) => request<CatalogImport>(t, `/api/v1/vendor/imports/${id(importId)}`),
    /** The vendor's imports, newest first; a 400 ApiError (field `cursor`) for a cursor that is not one. */
    imports: (query: PageQueryInput = {}) =>
      request<Page<CatalogImportSummary>>(t, '/api/v1/vendor/imports', { query }),
    csvTemplate: () => requestText(t, '/api/v1/vendor/products/csv-template'),
    exportCsv: () => requestText(t, '/api/v1/vendor/products/export.csv'),
  };
}
