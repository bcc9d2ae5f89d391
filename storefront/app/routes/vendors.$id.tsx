import { ApiError } from '@agora/api-client';
import { type MetaFunction, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { NotFoundOrError } from '../components/not-found.js';
import { Money, SignInForPrices } from '../components/price.js';
import { industryLabel } from '../industries.server.js';
import { catalogApi } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.vendor.name ?? 'Vendor not found' },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const api = await catalogApi(request, context);
  // The API answers 404 for an unknown id and for a vendor that is not approved (pending,
  // suspended...), and 400 for an id it cannot read (too long): all the same "no such vendor".
  const vendor = await api.vendor(params.id ?? '').catch((e: unknown) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      throw new Response('There is no such vendor here.', { status: 404, statusText: 'Not Found' });
    throw e;
  });
  const products = await api.search({ vendor: vendor.id, sort: 'newest', limit: 24, facets: 'false' });
  return { vendor: { ...vendor, industries: vendor.industries.map(industryLabel) }, products };
}

export default function VendorProfile() {
  const { vendor, products } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>
        {vendor.name} {vendor.verified ? <span className="badge-verified">Verified</span> : null}
      </h1>
      <p>
        {vendor.country} · {vendor.industries.join(', ')}
        {vendor.website ? (
          <>
            {' · '}
            <a href={vendor.website} rel="nofollow noopener" target="_blank">
              Website
            </a>
          </>
        ) : null}
      </p>
      <p>{vendor.description}</p>
      <h2>Products</h2>
      {products.items.length === 0 ? (
        <p className="empty-state">No products published yet.</p>
      ) : (
        <ul className="product-grid">
          {products.items.map((p) => (
            <li key={p.id} className="product-card">
              <AppLink to={`/products/${p.id}`}>
                <h3>{p.title}</h3>
              </AppLink>
              <p className="price">
                {p.unitPriceMinor === null ? (
                  <SignInForPrices next={`/products/${p.id}`} />
                ) : (
                  <>
                    <Money minor={p.unitPriceMinor} currency={p.currency} /> / {p.unit}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

/** Inside the site's header and footer, unlike the root boundary. */
export function ErrorBoundary() {
  return (
    <NotFoundOrError
      title="Vendor not found"
      message="This vendor does not exist or does not sell here at the moment."
      to="/vendors"
      linkLabel="Browse all vendors"
    />
  );
}
