import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CatalogSearch, searchQueryFrom } from '../components/catalog-search.js';
import { apiFor } from '../context.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” — search` : 'Search the catalog' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = searchQueryFrom(new URL(request.url));
  const result = await apiFor(context).search(query);
  return { q: query.q ?? '', result, page: Number(query.page ?? 1) || 1 };
}

export default function Search() {
  const { q, result, page } = useLoaderData<typeof loader>();
  return (
    <main className="page search-page">
      <CatalogSearch q={q} result={result} page={page} />
    </main>
  );
}
