import { statusLabel } from '@agora/contracts/labels';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Console' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const isVendor = user.role === 'vendor_admin' || user.role === 'vendor_staff';
  return { user, vendor: isVendor ? await api.vendorProfile() : null };
}

export default function Overview() {
  const { user, vendor } = useLoaderData<typeof loader>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Welcome{user.name ? `, ${user.name}` : ''}</h1>
      {vendor ? (
        <>
          {vendor.status === 'approved' ? null : (
            <Notice kind={vendor.status === 'rejected' || vendor.status === 'suspended' ? 'error' : 'info'}>
              {vendor.name} is {statusLabel(vendor.status, 'vendor')}
              {vendor.statusReason ? `: ${vendor.statusReason}` : ''}.
            </Notice>
          )}
          <div className="row">
            <section className="card">
              <h2>Products</h2>
              <p>Titles, specifications, stock and volume pricing.</p>
              <Link to="/console/products">Manage products</Link>
            </section>
            <section className="card">
              <h2>Import</h2>
              <p>Create or update many products from a CSV file.</p>
              <Link to="/console/products/import">Import CSV</Link>
            </section>
          </div>
        </>
      ) : (
        <div className="row">
          <section className="card">
            <h2>Vendors</h2>
            <p>Review applications and documents; approve, suspend, reinstate.</p>
            <Link to="/console/vendors">Review vendors</Link>
          </section>
          <section className="card">
            <h2>Branding</h2>
            <p>Name, tagline, logo, colors and font of your storefront.</p>
            <Link to="/console/branding">Edit branding</Link>
          </section>
          <section className="card">
            <h2>Team</h2>
            <p>Invite the people who run the marketplace with you.</p>
            <Link to="/console/team">Manage team</Link>
          </section>
        </div>
      )}
      <p>
        <a href="/">Open the storefront</a>
      </p>
    </Shell>
  );
}
