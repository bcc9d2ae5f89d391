/** Provisioning steps, in order. Each is idempotent; a step marked done is never run again. */
export const PROVISIONING_STEPS = ['role', 'schema', 'migrations', 'seed', 'domain'] as const;
export type ProvisioningStep = (typeof PROVISIONING_STEPS)[number];

export const STEP_LABELS: Record<ProvisioningStep, string> = {
  role: 'Create database role',
  schema: 'Create schema',
  migrations: 'Apply migrations',
  seed: 'Seed settings and owner',
  domain: 'Register default domain',
};
