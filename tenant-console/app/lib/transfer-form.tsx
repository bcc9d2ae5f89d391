import type { FormReply } from '@agora/ui/forms';
import { minorToInput } from '@agora/ui/money';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { Csrf, Field, Notice } from './ui.js';

/**
 * The form that records a bank transfer in the ledger (a buyer's payment on the receivables page,
 * a payout on the payables page; ADR 0038, posted by `recordLedgerForm`): who and which currency
 * as hidden fields, what the page adds (`children`), then amount, date and bank reference, each
 * showing its own refusal. A refused form comes back with what was typed.
 */
export function TransferForm(props: {
  /** Tells this form's fields apart from the page's other forms (owner id and currency). */
  id: string;
  /** The owner (`companyId` or `vendorId`) and `currency`, sent as they are. */
  hidden: Record<string, string>;
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
  const { id, reply: r } = props;
  const typed = (name: string) => r?.values?.[name] as string | undefined;
  return (
    <Form method="post">
      <Csrf />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {r && !r.ok ? <Notice kind="error">{r.message}</Notice> : null}
      {props.children}
      <div className="row">
        <Field
          id={`amount-${id}`}
          label={`${props.amountLabel} (${props.currency})`}
          name="amount"
          defaultValue={typed('amount') ?? minorToInput(props.defaultAmountMinor, props.currency)}
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
  owner: { name: string; id: string },
  currency: string,
): FormReply | undefined =>
  reply && reply.values?.[owner.name] === owner.id && reply.values?.currency === currency ? reply : undefined;
