import { z } from 'zod';

/**
 * Operators' own domains (`shop.acme-corp.com`): added in the console, proved by DNS, served
 * with automatic HTTPS once verified (ADR 0039). Normalising and validating a name needs the
 * platform's configuration and node's IDN conversion, so it happens in core (`normalizeDomain`);
 * the body only bounds the input.
 */

/** Domains one marketplace may have (besides its `<slug>` host). */
export const MAX_DOMAINS_PER_TENANT = 10;

/**
 * pending: added, never verified. verified: DNS proves ownership and routes to us; served.
 * failing: was verified, the last checks failed; still served until the grace period ends.
 * disabled: failed past the grace period; not served, no certificate. A passing check makes
 * any of them verified again.
 */
export const DomainStatus = z.enum(['pending', 'verified', 'failing', 'disabled']);
export type DomainStatus = z.infer<typeof DomainStatus>;

/** Statuses whose domain resolves to its marketplace. */
export const SERVED_DOMAIN_STATUSES = ['verified', 'failing'] as const satisfies readonly DomainStatus[];

export const AddDomainBody = z
  .object({
    domain: z.string().trim().min(1).max(300).meta({
      description: 'A hostname you control, e.g. `shop.example.com` or `example.com`',
      example: 'shop.example.com',
    }),
  })
  .meta({ id: 'AddDomain' });
export type AddDomainBody = z.infer<typeof AddDomainBody>;

/** What the last DNS check saw (each list as the DNS server answered). */
export const DomainRecords = z
  .object({
    txt: z.array(z.string()).meta({ description: 'TXT records of `_agora.<domain>`' }),
    cname: z.array(z.string()).meta({ description: 'CNAME of the domain' }),
    a: z.array(z.string()).meta({ description: 'A records of the domain' }),
  })
  .meta({ id: 'DomainRecords' });
export type DomainRecords = z.infer<typeof DomainRecords>;

export const DomainCheck = z
  .object({
    checkedAt: z.string(),
    ownership: z.boolean().meta({ description: 'The TXT record holds the verification token' }),
    routing: z.boolean().meta({ description: 'The CNAME (or the A records) point at the platform' }),
    records: DomainRecords,
    /** Why the check failed, said to the operator; null when it passed. */
    problem: z.string().nullable(),
  })
  .meta({ id: 'DomainCheck' });
export type DomainCheck = z.infer<typeof DomainCheck>;

/** The DNS records the operator creates: one TXT (ownership) and a CNAME, or A records for an apex. */
export const DomainInstructions = z
  .object({
    txt: z.object({ name: z.string(), value: z.string() }),
    cname: z.object({ name: z.string(), value: z.string() }),
    a: z
      .object({ name: z.string(), values: z.array(z.string()) })
      .nullable()
      .meta({
        description:
          'For an apex domain (no CNAME possible): A records; null when the addresses are not known',
      }),
    apex: z.boolean().meta({ description: 'The domain has only two labels (`example.com`)' }),
  })
  .meta({ id: 'DomainInstructions' });
export type DomainInstructions = z.infer<typeof DomainInstructions>;

export const TenantDomain = z
  .object({
    id: z.string().meta({ example: 'dom_3k9x2m4q7w1z5y8v' }),
    domain: z.string().meta({ description: 'Lower case, punycode for international names' }),
    status: DomainStatus,
    primary: z
      .boolean()
      .meta({ description: 'Other hosts of the marketplace redirect here while it is verified' }),
    verificationToken: z.string(),
    instructions: DomainInstructions,
    lastCheckedAt: z.string().nullable(),
    lastResult: DomainCheck.nullable(),
    failingSince: z.string().nullable(),
    /** When a failing domain will be disabled if it does not verify again; null otherwise. */
    disableAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TenantDomain' });
export type TenantDomain = z.infer<typeof TenantDomain>;

export const TenantDomainList = z
  .object({
    data: z.array(TenantDomain).max(MAX_DOMAINS_PER_TENANT),
    /** The marketplace's own `<slug>.<base domain>` host, which always works. */
    defaultHost: z.string(),
    /** Where the marketplace is served: the verified primary domain, else the default host. */
    canonicalHost: z.string(),
  })
  .meta({ id: 'TenantDomainList' });
export type TenantDomainList = z.infer<typeof TenantDomainList>;
