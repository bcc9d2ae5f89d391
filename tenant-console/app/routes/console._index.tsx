import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { operatorNav } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Console' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireTenantUser(request, context);
  return { user };
}

export default function Overview() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <Shell nav={operatorNav} user={user.email}>
      <h1>Welcome{user.name ? `, ${user.name}` : ''}</h1>
      <div className="row">
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
        <section className="card">
          <h2>Storefront</h2>
          <p>What buyers see.</p>
          <a href="/">Open the storefront</a>
        </section>
      </div>
    </Shell>
  );
}
