import type { FormReply } from '@agora/ui/forms';
import { minorToInput } from '@agora/ui/money';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { Csrf, Field, Notice } from './ui.js';

/** The company a payment came from, or the vendor a payout went to: the form field and its value. */
type Owner = { field: 'companyId' | 'vendorId'; id: string };

/**
 * The form that records a bank transfer in the ledger (a buyer's payment on the receivables page,
 * a payout on the payables page; ADR 0038, posted by `recordLedgerForm`): who and which currency
 * as hidden fields, what the page adds (`children`), then amount, date and bank reference, each
 * showing its own refusal. A refused form comes back with what was typed.
 */
export function TransferForm(props: {
  /** Whose transfer: the company that paid or the vendor paid, sent as a hidden field. */
  owner: Owner;
  currency: string;
  /** One per page view: the same form sent twice records once. */
  idempotencyKey: string;
  /** This form's reply, if the last submission was this form's. */
  reply: FormReply | undefined;
  amountLabel: string;
  dateLabel: string;
  defaultAmountMinor: number;
  today: string;
  submit: string;
  children?: ReactNode;
}) {
  const { owner, currency, reply: r } = props;
  // Tells this form's fields apart from the page's other forms.
  const id = `${owner.id}-${currency}`;
  const typed = (name: string) => r?.values?.[name] as string | undefined;
  return (
    <Form method="post">
      <Csrf />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <input type="hidden" name={owner.field} value={owner.id} />
      <input type="hidden" name="currency" value={currency} />
      {r && !r.ok ? <Notice kind="error">{r.message}</Notice> : null}
      {props.children}
      <div className="row">
        <Field
          id={`amount-${id}`}
          label={`${props.amountLabel} (${currency})`}
          name="amount"
          defaultValue={typed('amount') ?? minorToInput(props.defaultAmountMinor, currency)}
          error={r?.fields.amountMinor}
        />
        <Field
          id={`paidOn-${id}`}
          label={props.dateLabel}
          name="paidOn"
          type="date"
          defaultValue={typed('paidOn') ?? props.today}
          error={r?.fields.paidOn}
        />
        <Field
          id={`reference-${id}`}
          label="Bank reference"
          name="reference"
          defaultValue={typed('reference')}
          error={r?.fields.reference}
        />
      </div>
      <button type="submit">{props.submit}</button>
    </Form>
  );
}

/** The reply of the last submission, if it was the form for this owner and currency. */
export const replyFor = (
  reply: FormReply | undefined,
  owner: Owner,
  currency: string,
): FormReply | undefined =>
  reply && reply.values?.[owner.field] === owner.id && reply.values?.currency === currency
    ? reply
    : undefined;
