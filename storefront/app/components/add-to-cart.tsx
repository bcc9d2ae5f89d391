import { useRouteLoaderData } from '@remix-run/react';

type RootData = { csrf: string | null };

/**
 * "Add to cart" as a plain form (works without JavaScript): POST /cart/add with the product,
 * the quantity (pre-filled with the minimum order) and the page to come back to. Anonymous
 * visitors are sent to sign in first and come back to `back`.
 */
export function AddToCart(props: {
  productId: string;
  qty: number;
  min: number;
  step: number;
  unit: string;
  back: string;
  compact?: boolean;
}) {
  const csrf = useRouteLoaderData<RootData>('root')?.csrf ?? '';
  const id = `add-qty-${props.productId}`;
  return (
    <form method="post" action="/cart/add" className={props.compact ? 'add-to-cart compact' : 'add-to-cart'}>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="productId" value={props.productId} />
      <input type="hidden" name="back" value={props.back} />
      <label htmlFor={id} className={props.compact ? 'visually-hidden' : undefined}>
        Quantity ({props.unit})
      </label>
      <input
        id={id}
        name="qty"
        type="number"
        inputMode="numeric"
        min={props.min}
        step={props.step}
        defaultValue={props.qty}
        required
      />
      <button type="submit" className="button" data-testid="add-to-cart">
        Add to cart
      </button>
    </form>
  );
}
