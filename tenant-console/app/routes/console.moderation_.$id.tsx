import { ApiError } from '@agora/api-client';
import { formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Csrf, Field, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review: ${data.product.title}` : 'Review' },
];

/**
 * One product under review, as the operator needs it to decide: images, description, volume
 * tiers and specifications. The decision forms post to the moderation queue's own action.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  try {
    return { user, product: await api.operatorProduct(params.id ?? '') };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      throw new Response('This product does not exist in this marketplace.', { status: 404 });
    throw e;
  }
}

export default function ReviewProduct() {
  const { user, product: p } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, p.currency);
  const tiers = [...p.tiers].sort((a, b) => a.minQty - b.minQty);
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p className="breadcrumb">
        <Link to="/console/moderation">Moderation</Link> / {p.sku}
      </p>
      <h1>
        {p.title} <StatusBadge status={p.status} />
      </h1>
      <p className="hint">
        By {p.vendor.name} · SKU {p.sku}
      </p>
      <div className="row">
        <section className="card" aria-labelledby="images-heading">
          <h2 id="images-heading">Images</h2>
          {p.images?.length ? (
            <div className="review-images" data-testid="review-images">
              {p.images.map((img) => (
                <img key={img.position} src={img.url} alt={`${p.title} (${img.position + 1})`} />
              ))}
            </div>
          ) : (
            <p className="hint">No images.</p>
          )}
          <h2>Description</h2>
          {p.description ? (
            <p className="review-description" data-testid="review-description">
              {p.description}
            </p>
          ) : (
            <p className="hint">No description.</p>
          )}
        </section>
        <section className="card" aria-labelledby="pricing-heading">
          <h2 id="pricing-heading">Pricing</h2>
          <p>
            List price <strong>{money(p.basePriceMinor)}</strong> per {p.unit} · minimum order {p.minOrderQty}
            {p.orderIncrement > 1 ? `, in steps of ${p.orderIncrement}` : ''}
          </p>
          {tiers.length ? null : <p className="hint">No volume tiers: the list price at every quantity.</p>}
          <table data-testid="review-tiers">
            <thead>
              <tr>
                <th>From quantity</th>
                <th>Unit price</th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((t) => (
                <tr key={t.minQty}>
                  <td>{t.minQty}</td>
                  <td>{money(t.unitPriceMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Details</h2>
          <table>
            <tbody>
              <tr>
                <th scope="row">Stock</th>
                <td>{p.stockQty}</td>
              </tr>
              <tr>
                <th scope="row">Lead time</th>
                <td>{p.leadTimeDays === 0 ? 'Ships from stock' : `${p.leadTimeDays} days`}</td>
              </tr>
              {p.attributes.map((a) => (
                <tr key={a.name}>
                  <th scope="row">{a.name}</th>
                  <td>{a.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {p.status === 'pending_review' ? (
        <section className="card" aria-labelledby="decision-heading">
          <h2 id="decision-heading">Decision</h2>
          <Form method="post" action="/console/moderation" className="toolbar">
            <Csrf />
            <input type="hidden" name="id" value={p.id} />
            <input type="hidden" name="title" value={p.title} />
            <button type="submit" name="decision" value="approve">
              Approve and publish
            </button>
          </Form>
          <Form method="post" action="/console/moderation" className="toolbar">
            <Csrf />
            <input type="hidden" name="id" value={p.id} />
            <input type="hidden" name="title" value={p.title} />
            <Field
              id="f-review-reason"
              label="Reason to reject (emailed to the vendor)"
              name="reason"
              required
            />
            <button type="submit" name="decision" value="reject" className="danger">
              Reject
            </button>
          </Form>
        </section>
      ) : null}
    </Shell>
  );
}
