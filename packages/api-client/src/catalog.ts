import { request, requestText, type Transport } from './http.js';
import type { Page, PageQuery } from './types.js';

/** Shapes of the marketplace (issue 4) endpoints, as the UI uses them. */
export type VendorStatus = 'pending' | 'info_requested' | 'approved' | 'rejected' | 'suspended';

export type PublicVendor = {
  id: string;
  name: string;
  country: string;
  description: string;
  industries: string[];
  website: string | null;
  verified: boolean;
};

export type OperatorVendor = PublicVendor & {
  legalName: string;
  taxId: string;
  contactName: string;
  contactEmail: string;
  status: VendorStatus;
  statusReason: string | null;
  createdAt: string;
  documents?: { id: string; filename: string; contentType: string; sizeBytes: number; url: string }[];
};

export type TierRow = { minQty: number; maxQty: number | null; unitPriceMinor: number; savingBps: number };

export type Category = {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  children: Category[];
  productCount?: number;
};

/** A category as operators see it (archived ones included, with `archivedAt`). */
export type OperatorCategory = Omit<Category, 'children'> & {
  position: number;
  archivedAt: string | null;
  children: OperatorCategory[];
};

export type CategoryInput = { name?: string; slug?: string; parentId?: string | null; position?: number };

export type OperatorProductSummary = ProductSummary & {
  publishedAt: string | null;
  updatedAt: string;
  vendor: { id: string; name: string; status: string };
};

export type MarketplaceSettings = { autoApproveVendors: boolean; moderateProducts: boolean };

/** A category tree flattened depth-first, with each node's depth (for selects and lists). */
export function flattenCategories<C extends { children?: C[] }>(
  tree: C[],
  depth = 0,
): (C & { depth: number })[] {
  return tree.flatMap((c) => [{ ...c, depth }, ...flattenCategories(c.children ?? [], depth + 1)]);
}

export type ProductSummary = {
  id: string;
  sku: string;
  title: string;
  status: string;
  categoryId: string | null;
  unit: string;
  minOrderQty: number;
  stockQty: number;
  currency: string;
  basePriceMinor: number;
  imageUrl: string | null;
};

export type ProductInput = {
  sku: string;
  title: string;
  description: string;
  categoryId: string | null;
  unit: string;
  minOrderQty: number;
  orderIncrement: number;
  leadTimeDays: number;
  stockQty: number;
  currency: string;
  basePriceMinor: number;
  attributes: { name: string; value: string }[];
  tiers: { minQty: number; unitPriceMinor: number }[];
};

export type VendorProduct = ProductInput & {
  id: string;
  status: string;
  /** The operator's reason when moderation sent it back to draft, until the next status change. */
  statusReason?: string | null;
  images?: { position: number; url: string }[];
};

export type PublicProduct = {
  id: string;
  title: string;
  description: string;
  sku: string;
  unit: string;
  minOrderQty: number;
  orderIncrement: number;
  leadTimeDays: number;
  stockQty: number;
  currency: string;
  basePriceMinor: number;
  attributes: { name: string; value: string }[];
  images: { position: number; url: string }[];
  vendor: { id: string; name: string; country: string; verified: boolean };
  category: { id: string; name: string; slug: string }[] | { id: string; name: string; slug: string } | null;
  /** From the top-level category down to the product's own (archived ones left out). */
  breadcrumb: { id: string; name: string; slug: string }[];
  tiers: TierRow[];
};

export type Quote =
  | {
      ok: true;
      qty: number;
      unitPriceMinor: number;
      totalMinor: number;
      savingMinor: number;
      savingBps: number;
    }
  | { ok: false; qty: number; reason: string };

export type SearchQuery = {
  q?: string;
  category?: string;
  vendor?: string;
  inStock?: string;
  priceMin?: string | number;
  priceMax?: string | number;
  qty?: string | number;
  /** Only products priced in this currency (ISO 4217). */
  currency?: string;
  sort?: string;
  page?: string | number;
  limit?: number;
  /** 'false' skips facet counts (pages without filters). */
  facets?: 'true' | 'false';
  /** 'false' counts only as far as this page (`totalCapped` then says whether more follow). */
  total?: 'true' | 'false';
};

export type SearchResult = {
  items: {
    id: string;
    title: string;
    vendor: { id: string; name: string; verified: boolean };
    category?: { id: string; name: string } | null;
    unit: string;
    minOrderQty: number;
    inStock: boolean;
    unitPriceMinor: number;
    currency: string;
    imageUrl: string | null;
  }[];
  total: number;
  /** More matches than `total` exist (the API counts up to a cap); show "1,000+". */
  totalCapped?: boolean;
  page?: number;
  facets: {
    categories: { id: string; name: string; count: number }[];
    vendors: { id: string; name: string; count: number }[];
    inStock?: { true?: number; false?: number } | number;
  };
};

/** `PUT /api/v1/vendor/profile`: the whole profile (as in the application, without password and documents). */
export type VendorProfileInput = {
  businessName: string;
  legalName: string;
  country: string;
  taxId: string;
  contactName: string;
  contactEmail: string;
  website: string | null;
  description: string;
  industries: string[];
};

export type VendorDocument = NonNullable<OperatorVendor['documents']>[number];

export type VendorTeamMember = {
  id: string;
  email: string;
  name: string;
  role: 'vendor_admin' | 'vendor_staff';
  status: 'invited' | 'active';
  emailVerified: boolean;
  createdAt: string;
};

export type ProductImage = { position: number; url: string };

/** An import as `GET /api/v1/vendor/imports` lists it (without the error entries). */
export type ImportSummary = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  /** Rows left unchanged because of errors (all of them, even past the listed errors). */
  errorRows: number;
  /** More rows had errors than `errors` lists. */
  errorsTruncated: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ImportStatus = ImportSummary & { errors: { row: number; field: string; message: string }[] };

export function catalogClient(t: Transport) {
  const id = encodeURIComponent;
  return {
    // public
    /** The public tree; `depth: 1` gives the top-level categories only. */
    categories: (query: { depth?: number } = {}) =>
      request<{ data: Category[] }>(t, '/api/v1/categories', { query }),
    /** One category (with everything below it) and its ancestors; a 404 ApiError if absent or archived. */
    category: (slug: string) =>
      request<{ category: Category; ancestors: { id: string; name: string; slug: string }[] }>(
        t,
        `/api/v1/categories/${id(slug)}`,
      ),
    search: (query: SearchQuery) =>
      request<SearchResult>(t, '/api/v1/search', { query: query as Record<string, string> }),
    product: (productId: string) => request<PublicProduct>(t, `/api/v1/products/${id(productId)}`),
    quote: (productId: string, qty: number) =>
      request<Quote>(t, `/api/v1/products/${id(productId)}/quote`, { query: { qty } }),
    vendors: (query: Record<string, string | number | undefined> = {}) =>
      request<Page<PublicVendor>>(t, '/api/v1/vendors', { query }),
    vendor: (vendorId: string) => request<PublicVendor>(t, `/api/v1/vendors/${id(vendorId)}`),
    verifyEmail: (token: string) => request<unknown>(t, '/api/v1/auth/verify-email', { body: { token } }),
    applyAsVendor: (form: FormData) =>
      request<{ id: string; status: VendorStatus }>(t, '/api/v1/vendor-applications', { form }),
    // operator
    operatorVendors: (query: Record<string, string | number | undefined> = {}) =>
      request<Page<OperatorVendor>>(t, '/api/v1/operator/vendors', { query }),
    operatorVendor: (vendorId: string) =>
      request<OperatorVendor>(t, `/api/v1/operator/vendors/${id(vendorId)}`),
    decideVendor: (
      vendorId: string,
      decision: 'approve' | 'verify' | 'reject' | 'request-info' | 'suspend' | 'reinstate',
      body: Record<string, string> = {},
    ) => request<OperatorVendor>(t, `/api/v1/operator/vendors/${id(vendorId)}/${decision}`, { body }),
    operatorCategories: () => request<{ data: OperatorCategory[] }>(t, '/api/v1/operator/categories'),
    createCategory: (body: CategoryInput & { name: string }) =>
      request<OperatorCategory>(t, '/api/v1/operator/categories', { body }),
    updateCategory: (categoryId: string, body: CategoryInput) =>
      request<OperatorCategory>(t, `/api/v1/operator/categories/${id(categoryId)}`, {
        method: 'PATCH',
        body,
      }),
    setCategoryArchived: (categoryId: string, archived: boolean) =>
      request<OperatorCategory>(
        t,
        `/api/v1/operator/categories/${id(categoryId)}/${archived ? 'archive' : 'restore'}`,
        { body: {} },
      ),
    operatorProducts: (query: Record<string, string | number | undefined> = {}) =>
      request<Page<OperatorProductSummary>>(t, '/api/v1/operator/products', { query }),
    /** Any product of the marketplace, whatever its status (the moderation review page). */
    operatorProduct: (productId: string) =>
      request<VendorProduct & { vendor: { id: string; name: string; status: string } }>(
        t,
        `/api/v1/operator/products/${id(productId)}`,
      ),
    moderateProduct: (productId: string, decision: 'approve' | 'reject', reason?: string) =>
      request<VendorProduct>(t, `/api/v1/operator/products/${id(productId)}/${decision}`, {
        body: decision === 'reject' ? { reason } : {},
      }),
    marketplaceSettings: () => request<MarketplaceSettings>(t, '/api/v1/settings/marketplace'),
    updateMarketplaceSettings: (body: MarketplaceSettings) =>
      request<MarketplaceSettings>(t, '/api/v1/settings/marketplace', { method: 'PUT', body }),
    // vendor
    vendorProfile: () => request<OperatorVendor>(t, '/api/v1/vendor/profile'),
    updateVendorProfile: (body: VendorProfileInput) =>
      request<OperatorVendor>(t, '/api/v1/vendor/profile', { method: 'PUT', body }),
    /** Multipart, files in `documents`. */
    addVendorDocuments: (form: FormData) =>
      request<{ data: VendorDocument[] }>(t, '/api/v1/vendor/documents', { form }),
    vendorTeam: (query: PageQuery = {}) =>
      request<Page<VendorTeamMember>>(t, '/api/v1/vendor/team', { query }),
    inviteVendorStaff: (email: string) =>
      request<VendorTeamMember>(t, '/api/v1/vendor/team/invitations', { body: { email } }),
    removeVendorStaff: (userId: string) =>
      request<void>(t, `/api/v1/vendor/team/${id(userId)}`, { method: 'DELETE' }),
    vendorProducts: (query: Record<string, string | number | undefined> = {}) =>
      request<Page<ProductSummary>>(t, '/api/v1/vendor/products', { query }),
    vendorProduct: (productId: string) =>
      request<VendorProduct>(t, `/api/v1/vendor/products/${id(productId)}`),
    createProduct: (body: ProductInput) => request<VendorProduct>(t, '/api/v1/vendor/products', { body }),
    updateProduct: (productId: string, body: ProductInput) =>
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
      request<{ id: string }>(t, '/api/v1/vendor/imports', {
        raw: { bytes: new TextEncoder().encode(csv), contentType: 'text/csv' },
      }),
    importStatus: (importId: string) => request<ImportStatus>(t, `/api/v1/vendor/imports/${id(importId)}`),
    /** The vendor's imports, newest first; a 400 ApiError (field `cursor`) for a cursor that is not one. */
    imports: (query: PageQuery = {}) => request<Page<ImportSummary>>(t, '/api/v1/vendor/imports', { query }),
    csvTemplate: () => requestText(t, '/api/v1/vendor/products/csv-template'),
    exportCsv: () => requestText(t, '/api/v1/vendor/products/export.csv'),
  };
}
