import { randomId } from '@agora/contracts';
import {
  createTenantRole,
  createTenantSchema,
  type Database,
  inTransaction,
  withClient,
} from '../src/index.js';

/** A tenant row plus its role and schema, without migrations (the tests run those). */
export async function makeBareTenant(database: Database): Promise<{ id: string; schemaName: string }> {
  const short = randomId(12);
  const tenant = { id: `ten_${short}`, schemaName: `t_${short}` };
  await withClient(database, (client) =>
    inTransaction(client, async () => {
      await client.query(
        `insert into platform.tenants (id, slug, name, status, schema_name, owner_email)
         values ($1, $2, $3, 'active', $4, 'owner@example.com')`,
        [tenant.id, `shop-${short}`, `Shop ${short}`, tenant.schemaName],
      );
      await createTenantRole(database, client, tenant.schemaName);
    }),
  );
  // One role per transaction, as provisioning does (ADR 0022).
  await withClient(database, (client) =>
    inTransaction(client, () => createTenantSchema(database, client, tenant.schemaName)),
  );
  return tenant;
}
