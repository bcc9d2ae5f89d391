import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.js';

export default function Home() {
  const data = useRouteLoaderData<typeof rootLoader>('root');
  const name = data?.storefront.name ?? '';
  const tagline = data?.storefront.tagline || `Source from trusted vendors on ${name}.`;
  return (
    <main>
      <section className="hero">
        <h1 data-testid="hero-title">{name}</h1>
        <p className="tagline">{tagline}</p>
        <a className="button" href="/console">
          Sign in
        </a>
      </section>
      <section className="empty-state" aria-labelledby="catalog-heading">
        <h2 id="catalog-heading">Vendors are joining {name}</h2>
        <p>
          The catalog opens as soon as the first vendors are approved. Products, volume pricing and quotes
          will appear right here.
        </p>
      </section>
    </main>
  );
}
