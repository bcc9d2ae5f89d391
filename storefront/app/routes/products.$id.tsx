import { ApiError } from '@agora/api-client';
import { quote } from '@agora/core/pricing';
import { allowedQuantities } from '@agora/core/quantity-rules';
import { formatBps } from '@agora/ui/money';
import { Form, type MetaFunction, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { useState } from 'react';
import { AddToCart } from '../components/add-to-cart.js';
import { AppLink } from '../components/app-link.js';
import { NotFoundOrError } from '../components/not-found.js';
import { Money, Saving, SignInForPrices } from '../components/price.js';
import { catalogApi, optionalBuyer } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.product.title ?? 'Product' },
  { name: 'description', content: data?.product.description.slice(0, 150) ?? '' },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  try {
    const product = await (await catalogApi(request, context)).product(params.id ?? '');
    const url = new URL(request.url);
    const qty = Number(url.searchParams.get('qty')) || product.minOrderQty;
    const buyer = await optionalBuyer(request, context);
    // A refused "Add to cart" comes back here with why, as a code (see routes/cart.add.tsx).
    const refusal = url.searchParams.get('cart_error');
    const cartError =
      refusal === 'qty'
        ? `This product can be ordered ${allowedQuantities(product)} ${product.unit}.`
        : refusal === 'full'
          ? 'Your cart is full: check out or remove some lines first.'
          : refusal === 'unavailable'
            ? 'This product cannot be ordered at the moment.'
            : null;
    return { product, qty, signedIn: buyer !== null, cartError };
  } catch (e) {
    // An id the API refuses (400, say far too long) names no product either.
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      throw new Response('This product is not available.', { status: 404, statusText: 'Not Found' });
    throw e;
  }
}

export default function ProductPage() {
  const { product, qty: initialQty, signedIn, cartError } = useLoaderData<typeof loader>();
  const basePriceMinor = product.basePriceMinor;
  return (
    <main className="page product-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <AppLink to="/search">Catalog</AppLink>
        {product.breadcrumb.map((c) => (
          <span key={c.id}>
            {' / '}
            <AppLink to={`/categories/${c.slug}`}>{c.name}</AppLink>
          </span>
        ))}
      </nav>
      <div className="product-layout">
        <section className="gallery" aria-label="Images">
          {product.images.length ? (
            product.images.map((img, i) => (
              <img key={img.position} src={img.url} alt={i === 0 ? product.title : ''} />
            ))
          ) : (
            <div className="no-image large" aria-hidden="true" />
          )}
        </section>
        <section className="summary">
          <h1 data-testid="product-title">{product.title}</h1>
          <p className="vendor">
            Sold by <AppLink to={`/vendors/${product.vendor.id}`}>{product.vendor.name}</AppLink>{' '}
            {product.vendor.verified ? <span className="badge-verified">Verified</span> : null} ·{' '}
            {product.vendor.country}
          </p>
          <dl className="facts">
            <dt>SKU</dt>
            <dd>{product.sku}</dd>
            <dt>Minimum order</dt>
            <dd>
              {product.minOrderQty} {product.unit}
              {product.orderIncrement > 1 ? `, then in steps of ${product.orderIncrement}` : ''}
            </dd>
            <dt>Lead time</dt>
            <dd>{product.leadTimeDays === 0 ? 'Ships from stock' : `${product.leadTimeDays} days`}</dd>
            <dt>Stock</dt>
            <dd>{product.stockQty > 0 ? `In stock (${product.stockQty})` : 'Made to order'}</dd>
          </dl>
          {basePriceMinor === null ? (
            <p className="prices-hidden">
              <SignInForPrices next={`/products/${product.id}`} signedIn={signedIn} />
            </p>
          ) : (
            <Pricing product={{ ...product, basePriceMinor }} initialQty={initialQty} cartError={cartError} />
          )}
        </section>
      </div>
      {product.description ? (
        <section className="description">
          <h2>Description</h2>
          <p>{product.description}</p>
        </section>
      ) : null}
      {product.attributes.length ? (
        <section>
          <h2>Specifications</h2>
          <table className="specs">
            <tbody>
              {product.attributes.map((a) => (
                <tr key={a.name}>
                  <th scope="row">{a.name}</th>
                  <td>{a.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundOrError
      title="Product not found"
      message="This product does not exist or is no longer offered here."
      to="/search"
      linkLabel="Browse the catalog"
    />
  );
}

type Priced = ReturnType<typeof useLoaderData<typeof loader>>['product'] & { basePriceMinor: number };

/** The volume tiers and the quantity box (the same pricing function as the server answers as you type). */
function Pricing({
  product,
  initialQty,
  cartError,
}: {
  product: Priced;
  initialQty: number;
  cartError: string | null;
}) {
  const [qtyText, setQtyText] = useState(String(initialQty));
  const priced = {
    ...product,
    tiers: product.tiers.map((t) => ({ minQty: t.minQty, unitPriceMinor: t.unitPriceMinor })),
  };
  const q = quote(priced, Number(qtyText));
  return (
    <>
      <h2>Volume pricing</h2>
      <p className="list-price" data-testid="list-price">
        List price <Money minor={product.basePriceMinor} currency={product.currency} /> per {product.unit}
      </p>
      <table className="tiers" data-testid="tiers">
        <thead>
          <tr>
            <th>Quantity</th>
            <th>Unit price</th>
            <th>Saving</th>
          </tr>
        </thead>
        <tbody>
          {product.tiers.map((t) => (
            <tr key={t.minQty}>
              <td>{t.maxQty === null ? `${t.minQty}+` : `${t.minQty}–${t.maxQty}`}</td>
              <td>
                <Money minor={t.unitPriceMinor} currency={product.currency} />
              </td>
              <td>
                <Saving
                  bps={t.savingBps}
                  perUnitMinor={product.basePriceMinor - t.unitPriceMinor}
                  currency={product.currency}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="get" className="qty-box">
        <label htmlFor="qty">Quantity ({product.unit})</label>
        <input
          id="qty"
          name="qty"
          type="number"
          inputMode="numeric"
          min={product.minOrderQty}
          step={product.orderIncrement}
          defaultValue={initialQty}
          onChange={(e) => setQtyText(e.target.value)}
        />
        <noscript>
          <button type="submit">Price it</button>
        </noscript>
      </Form>
      <output className="quote" data-testid="quote" htmlFor="qty">
        {q.ok ? (
          <>
            <span data-testid="unit-price">
              <Money minor={q.unitPriceMinor} currency={product.currency} />
            </span>{' '}
            per {product.unit} · total{' '}
            <strong data-testid="total">
              <Money minor={q.totalMinor} currency={product.currency} />
            </strong>
            {q.savingBps > 0 ? <span className="saving"> (you save {formatBps(q.savingBps)})</span> : null}
          </>
        ) : (
          <span className="error">{q.reason}</span>
        )}
      </output>
      {cartError ? (
        <p className="notice-error" role="alert" data-testid="cart-error">
          {cartError}
        </p>
      ) : null}
      <AddToCart
        productId={product.id}
        qty={q.ok ? q.qty : initialQty}
        min={product.minOrderQty}
        step={product.orderIncrement}
        unit={product.unit}
        back={`/products/${product.id}`}
      />
    </>
  );
}
