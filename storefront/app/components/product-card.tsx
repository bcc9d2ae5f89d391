import type { SearchResult } from '@agora/api-client';
import { AddToCart } from './add-to-cart.js';
import { AppLink } from './app-link.js';

import { Money, SignInForPrices } from './price.js';

/** One product in a grid (search, category pages, the home page): image, title, vendor, price at the MOQ. */
export function ProductCard({
  product: p,
  addToCart,
}: {
  product: SearchResult['items'][number];
  /** Show an "Add to cart" form (search results), coming back to `back`. */
  addToCart?: { back: string };
}) {
  return (
    <li className="product-card">
      <AppLink to={`/products/${p.id}`}>
        {p.imageUrl ? (
          <img src={p.imageUrl} alt="" loading="lazy" />
        ) : (
          <div className="no-image" aria-hidden="true" />
        )}
        <h3>{p.title}</h3>
      </AppLink>
      <p className="vendor">
        {p.vendor.name} {p.vendor.verified ? <span className="badge-verified">Verified</span> : null}
      </p>
      <p className="price">
        {p.unitPriceMinor === null ? (
          <SignInForPrices next={`/products/${p.id}`} />
        ) : (
          <>
            <Money minor={p.unitPriceMinor} currency={p.currency} /> <span className="unit">/ {p.unit}</span>
          </>
        )}
      </p>
      <p className="moq">
        MOQ {p.minOrderQty} · {p.inStock ? 'In stock' : 'Made to order'}
      </p>
      {addToCart ? (
        <AddToCart
          compact
          productId={p.id}
          qty={p.minOrderQty}
          min={p.minOrderQty}
          step={1}
          unit={p.unit}
          back={addToCart.back}
        />
      ) : null}
    </li>
  );
}
