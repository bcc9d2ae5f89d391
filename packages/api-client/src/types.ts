import type { Theme } from '@agora/contracts';

/** The storefront footer the operator writes (contracts `Footer`). */
export type Footer = { text: string; links: { label: string; url: string }[] };

export type Storefront = { name: string; tagline: string; theme: Theme; footer: Footer };

export type TenantStatus = 'provisioning' | 'active' | 'suspended' | 'failed';

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  plan: string;
  createdAt: string;
};

export type ProvisioningStepView = {
  step: string;
  label: string;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

export type Tenant = TenantSummary & {
  schemaName: string;
  ownerEmail: string;
  failureReason: string | null;
  updatedAt: string;
  provisioning: { attempt: number; progress: number; steps: ProvisioningStepView[] };
  domains: { hostname: string; kind: 'subdomain' | 'custom'; primary: boolean }[];
};

export type Page<T> = { data: T[]; nextCursor: string | null };

/** `?cursor&limit` of a keyset-paginated list without filters. */
export type PageQuery = { cursor?: string; limit?: number };

export type User = { id: string; email: string; name: string; role: string; status: string };

export type BrandingInput = {
  name: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  font: Theme['font'];
  /** Left out: kept as it is. */
  footer?: Footer;
};

export type Branding = {
  name: string;
  tagline: string;
  theme: Theme;
  footer: Footer;
  warnings: { field: string; message: string }[];
};
