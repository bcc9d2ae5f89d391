import type { CheckoutGroupSummary } from '@agora/api-client';
import { CheckoutGroupStatus } from '@agora/contracts';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { CheckoutList } from '../components/checkout-list.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your checkouts' }];

const FILTERS = [
  ['', 'All'],
  ['awaiting_approval', 'Waiting for approval'],
  ['declined', 'Declined'],
  ['placed', 'Placed'],
] as const;

/** The member's own checkouts: waiting for approval, declined (with the reason), placed. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const url = new URL(request.url);
  const parsed = CheckoutGroupStatus.safeParse(url.searchParams.get('status'));
  const status = parsed.success ? parsed.data : undefined;
  const page = await api.myCheckouts({ status, cursor: url.searchParams.get('cursor') ?? undefined });
  const next = page.nextCursor
    ? `/account/checkouts?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`
    : null;
  return json(
    { groups: page.data, next, status: status ?? '' },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

export default function MyCheckouts() {
  const { groups, next, status } = useLoaderData<typeof loader>() as {
    groups: CheckoutGroupSummary[];
    next: string | null;
    status: string;
  };
  return (
    <main className="page">
      <h1>Your checkouts</h1>
      <nav aria-label="Filter" className="filters">
        {FILTERS.map(([value, label]) =>
          value === status ? (
            <strong key={value}>{label} </strong>
          ) : (
            <span key={value}>
              <AppLink to={value ? `/account/checkouts?status=${value}` : '/account/checkouts'}>
                {label}
              </AppLink>{' '}
            </span>
          ),
        )}
      </nav>
      <CheckoutList
        groups={groups}
        next={next}
        link={(id) => `/checkout/done/${id}`}
        empty="No checkouts here yet."
      />
    </main>
  );
}
