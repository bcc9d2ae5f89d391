import { useLoaderData, useRouteLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { productCount } from '../components/catalog-search.js';
import { ProductCard } from '../components/product-card.js';
import type { loader as rootLoader } from '../root.js';
import { catalogApi } from '../session.server.js';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const api = await catalogApi(request, context);
  const [latest, categories] = await Promise.all([
    // No facets and no count: the newest 8 read 9 rows of the index, not the whole result window.
    api.search({ sort: 'newest', limit: 8, facets: 'false', total: 'false' }),
    api.categories({ depth: 1 }),
  ]);
  return {
    latest: latest.items,
    total: latest.total,
    totalCapped: latest.totalCapped ?? false,
    categories: categories.data.map(({ id, name, slug }) => ({ id, name, slug })),
  };
}

export default function Home() {
  const data = useRouteLoaderData<typeof rootLoader>('root');
  const { latest, total, totalCapped, categories } = useLoaderData<typeof loader>();
  const name = data?.storefront.name ?? '';
  const tagline = data?.storefront.tagline || `Source from trusted vendors on ${name}.`;
  return (
    <main>
      <section className="hero">
        <h1 data-testid="hero-title">{name}</h1>
        <p className="tagline">{tagline}</p>
        <form method="get" action="/search" className="hero-search">
          <input type="search" name="q" placeholder="What do you need?" aria-label="Search the catalog" />
          <button type="submit" className="button">
            Search
          </button>
        </form>
      </section>
      {total === 0 ? (
        <section className="empty-state" aria-labelledby="catalog-heading">
          <h2 id="catalog-heading">Vendors are joining {name}</h2>
          <p>
            The catalog opens as soon as the first vendors are approved. Products, volume pricing and quotes
            will appear right here.
          </p>
          <a href="/sell">Sell on {name}</a>
        </section>
      ) : (
        <>
          {categories.length ? (
            <section className="page">
              <h2>Categories</h2>
              <ul className="category-list">
                {categories.map((c) => (
                  <li key={c.id}>
                    <AppLink to={`/categories/${c.slug}`}>{c.name}</AppLink>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="page">
            <h2>New in the catalog</h2>
            <ul className="product-grid">
              {latest.map((p) => (
                <ProductCard key={p.id} product={p} />
              ))}
            </ul>
            <p>
              <AppLink to="/search">
                {totalCapped ? 'Browse the whole catalog →' : `Browse all ${productCount(total)} →`}
              </AppLink>
            </p>
          </section>
        </>
      )}
    </main>
  );
}
