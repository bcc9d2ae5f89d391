import { type MetaFunction, useLoaderData } from '@remix-run/react';
import { type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { CatalogSearch } from '../components/catalog-search.js';
import { loadListing, searchQueryFrom } from '../components/listing.server.js';
import { priceFormRedirect } from '../components/price-filter.js';
import { catalogApi } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” — search` : 'Search the catalog' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const canonical = priceFormRedirect(url);
  if (canonical) throw redirect(canonical);
  // A parameter the search schema refuses is left out and named on the page (withoutInvalidParams).
  return loadListing(await catalogApi(request, context), searchQueryFrom(url));
}

export default function Search() {
  const { q, result, page, refused, pastEnd } = useLoaderData<typeof loader>();
  return (
    <main className="page search-page">
      <CatalogSearch q={q} result={result} page={page} refused={refused} pastEnd={pastEnd} />
    </main>
  );
}
