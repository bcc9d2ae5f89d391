import type { CheckoutGroupSummary } from '@agora/api-client';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { requireApprover } from '../approver.server.js';
import { CheckoutList } from '../components/checkout-list.js';

export const meta: MetaFunction = () => [{ title: 'Approvals' }];

/** An approver's (or admin's) queue: the company's checkouts over a member's spending limit. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api } = await requireApprover(request, context);
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined;
  const page = await api.approvals({ cursor });
  const next = page.nextCursor ? `/account/approvals?cursor=${encodeURIComponent(page.nextCursor)}` : null;
  return json({ groups: page.data, next }, { headers: { 'cache-control': 'private, no-store' } });
}

export default function Approvals() {
  const { groups, next } = useLoaderData<typeof loader>() as {
    groups: CheckoutGroupSummary[];
    next: string | null;
  };
  return (
    <main className="page">
      <h1>Orders waiting for your approval</h1>
      <CheckoutList
        groups={groups}
        next={next}
        showBuyer
        link={(id) => `/account/approvals/${id}`}
        empty="Nothing is waiting for approval."
      />
    </main>
  );
}
