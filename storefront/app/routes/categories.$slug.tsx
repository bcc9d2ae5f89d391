import { ApiError, flattenCategories } from '@agora/api-client';
import { SEARCH_ADDRESS_PARAMS } from '@agora/contracts/search-params';
import { type MetaFunction, useLoaderData } from '@remix-run/react';
import { type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { CatalogSearch, type CategoryFacetLink, hrefWith } from '../components/catalog-search.js';
import { loadListing, searchQueryFrom } from '../components/listing.server.js';
import { NotFoundOrError } from '../components/not-found.js';
import { priceFormRedirect } from '../components/price-filter.js';
import { catalogApi } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.category.name : 'Category not found' },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const canonical = priceFormRedirect(new URL(request.url));
  if (canonical) throw redirect(canonical);
  const api = await catalogApi(request, context);
  // An archived slug (or one inside an archived category) is a 404 like an unknown one.
  const found = await api.category(params.slug ?? '').catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404)
      throw new Response('There is no category at this address.', { status: 404, statusText: 'Not Found' });
    throw e;
  });
  const { category, ancestors } = found;
  // `category` on the search API takes in every sub-category; the path decides it, not the query.
  const query = { ...searchQueryFrom(new URL(request.url)), category: category.id };
  // As on /search, a parameter the search schema refuses is left out and named (see
  // withoutInvalidParams); the category, from the path, is never left out.
  const listing = await loadListing(
    api,
    query,
    SEARCH_ADDRESS_PARAMS.filter((k) => k !== 'category'),
  );
  const ref = ({ id, name, slug }: { id: string; name: string; slug: string }) => ({ id, name, slug });
  return {
    category: ref(category),
    ancestors: ancestors.map(ref),
    children: category.children.map(ref),
    /** Every category below this one by id: the facet links to their pages. */
    below: Object.fromEntries(flattenCategories(category.children).map((c) => [c.id, c.slug])),
    ...listing,
  };
}

export default function CategoryPage() {
  const { category, ancestors, children, below, q, result, page, refused, pastEnd } =
    useLoaderData<typeof loader>();
  // The category facet narrows to a sub-category's own page, keeping the other filters; the
  // category itself and its ancestors (counted within it only) are left out.
  const categoryLink: CategoryFacetLink = (c, { params }) => {
    const slug = below[c.id];
    return slug ? { to: hrefWith(`/categories/${slug}`, params, 'category', null), current: false } : null;
  };
  return (
    <main className="page search-page category-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <AppLink to="/search">Catalog</AppLink>
        {ancestors.map((c) => (
          <span key={c.id}>
            {' / '}
            <AppLink to={`/categories/${c.slug}`}>{c.name}</AppLink>
          </span>
        ))}
        <span aria-current="page">
          {' / '}
          {category.name}
        </span>
      </nav>
      <h1 data-testid="category-title">{category.name}</h1>
      {children.length ? (
        <nav aria-label="Sub-categories">
          <ul className="category-list" data-testid="subcategories">
            {children.map((c) => (
              <li key={c.id}>
                <AppLink to={`/categories/${c.slug}`}>{c.name}</AppLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <CatalogSearch
        q={q}
        result={result}
        page={page}
        placeholder={`Search in ${category.name}`}
        categoryLink={categoryLink}
        refused={refused}
        pastEnd={pastEnd}
      />
    </main>
  );
}

/** Inside the site's header and footer, unlike the root boundary. */
export function ErrorBoundary() {
  return (
    <NotFoundOrError
      title="Category not found"
      message="This category does not exist or is no longer offered here."
      to="/search"
      linkLabel="Browse the whole catalog"
    />
  );
}
