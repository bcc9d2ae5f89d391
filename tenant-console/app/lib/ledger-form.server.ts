import { ApiError } from '@agora/api-client';
import { apiErrorReply, type FormSchema, issuesReply, parseForm } from '@agora/ui/forms';
import { parseMoney } from '@agora/ui/money';
import { redirect } from '@remix-run/node';

/**
 * A form that records money in the ledger (a buyer's payment, a vendor's payout, ADR 0038): the
 * amount typed in the form's currency becomes minor units, the body is checked by its contract,
 * then posted; a refusal (ours or the API's) comes back by field and records nothing. Success
 * goes to `page?recorded=<transaction id>`.
 */
export async function recordLedgerForm<T>(
  form: FormData,
  options: {
    schema: FormSchema<T>;
    what: string;
    arrays?: string[];
    post: (body: T) => Promise<{ transactionId: string }>;
    page: string;
  },
) {
  const currency = String(form.get('currency') ?? '');
  const amount = parseMoney(String(form.get('amount') ?? ''), /^[A-Z]{3}$/.test(currency) ? currency : 'EUR');
  const submission = parseForm(options.schema, form, {
    what: options.what,
    arrays: options.arrays,
    toInput: (v) => ({ ...v, amountMinor: amount ?? -1 }),
  });
  if (amount === null)
    return issuesReply(
      [{ path: 'amountMinor', message: 'enter an amount like 95.00' }],
      submission.values,
      options.what,
    );
  if (!submission.ok) return submission.reply;
  try {
    const posted = await options.post(submission.value);
    return redirect(`${options.page}?recorded=${encodeURIComponent(posted.transactionId)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, submission.values, options.what, { keepMessage: true });
    throw e;
  }
}
