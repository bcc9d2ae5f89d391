import type { CheckoutGroupSummary } from '@agora/api-client';
import { statusLabel } from '@agora/contracts/labels';
import { AppLink } from './app-link.js';
import { Money } from './price.js';
import { When } from './when.js';

/** A page of checkouts (a member's own, or an approver's queue), with a link to the next page. */
export function CheckoutList(props: {
  groups: CheckoutGroupSummary[];
  link: (id: string) => string;
  next: string | null;
  showBuyer?: boolean;
  empty: string;
}) {
  if (props.groups.length === 0) return <p className="empty-state">{props.empty}</p>;
  return (
    <>
      <table data-testid="checkout-list">
        <thead>
          <tr>
            <th scope="col">Placed</th>
            {props.showBuyer ? <th scope="col">Member</th> : null}
            <th scope="col">Lines</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((g) => (
            <tr key={g.id} data-testid="checkout-row">
              <td>
                <AppLink to={props.link(g.id)}>
                  <When at={g.createdAt} />
                </AppLink>
              </td>
              {props.showBuyer ? <td>{g.buyer.name || g.buyer.email}</td> : null}
              <td>{g.lineCount}</td>
              <td>
                <Money minor={g.totalMinor} currency={g.currency} />
              </td>
              <td>
                {statusLabel(g.status)}
                {g.decisionReason ? <span className="hint"> ({g.decisionReason})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.next ? (
        <nav className="pagination" aria-label="Pages">
          <AppLink to={props.next}>Older</AppLink>
        </nav>
      ) : null}
    </>
  );
}
