import type { CompanyMember } from '@agora/api-client';
import { InviteMemberBody, UpdateMemberBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { FieldErrors, TextField } from '@agora/ui/form-fields';
import { errorsOf, type FormReply, type FormValues, okReply, parseForm } from '@agora/ui/forms';
import { formatMoney, minorToInput, parseMoney } from '@agora/ui/money';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { refusal } from '../account.server.js';
import { FormMessage, SessionCsrf } from '../components/account-forms.js';
import { AccountNav, CompanyStatusNote, ROLE_NAMES } from '../components/account-nav.js';
import { AppLink } from '../components/app-link.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Members' }];

/** Only a company's admins manage its members (the API refuses the others the same way). */
async function requireAdmin(request: Request, context: LoaderFunctionArgs['context']) {
  const buyer = await requireBuyer(request, context);
  if (buyer.user.role !== 'buyer_admin')
    throw new Response('Only an administrator of your company can manage its members.', { status: 403 });
  return buyer;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, api } = await requireAdmin(request, context);
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined;
  const [members, company] = await Promise.all([api.companyMembers({ cursor, limit: 50 }), api.ownCompany()]);
  return json(
    { user, members, currency: company.currency },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

/**
 * The form's role and limit as the API's body: the amount typed in the marketplace currency
 * (`12.50`) to minor units; an empty amount and period mean no limit.
 */
function limitInput(values: FormValues, currency: string) {
  const amount = typeof values.limitAmount === 'string' ? values.limitAmount.trim() : '';
  const period =
    typeof values.spendingPeriod === 'string' && values.spendingPeriod ? values.spendingPeriod : null;
  const minor = amount === '' ? null : parseMoney(amount, currency);
  return {
    role: values.role,
    // An amount that is not one: a value the API's schema refuses, with the form's own words below.
    spendingLimitMinor: amount === '' ? null : (minor ?? Number.NaN),
    spendingPeriod: period,
  };
}

type Reply = FormReply & { memberId?: string };

/** The amount field's errors under its own name (the API's path is `spendingLimitMinor`). */
function withAmountErrors(reply: FormReply, amountTyped: boolean): FormReply {
  const fields = { ...reply.fields };
  if (fields.spendingLimitMinor) {
    fields.limitAmount =
      amountTyped && fields.spendingLimitMinor.some((m) => m.includes('number'))
        ? ['must be an amount like 250.00']
        : fields.spendingLimitMinor;
    delete fields.spendingLimitMinor;
  }
  return { ...reply, fields };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireAdmin(request, context);
  const form = await verifiedForm(request);
  const intent = form.get('intent');
  const { currency } = await api.ownCompany();
  const memberId = typeof form.get('memberId') === 'string' ? (form.get('memberId') as string) : '';
  const amountTyped =
    typeof form.get('limitAmount') === 'string' && (form.get('limitAmount') as string).trim() !== '';
  try {
    if (intent === 'remove') {
      await api.removeCompanyMember(memberId);
      return redirect('/account/members?removed=1');
    }
    if (intent === 'invite') {
      const submission = parseForm(InviteMemberBody, form, {
        what: 'invitation',
        toInput: (v) => ({ email: v.email, ...limitInput(v, currency) }),
      });
      if (!submission.ok)
        return json<Reply>(withAmountErrors(submission.reply, amountTyped), { status: 400 });
      try {
        await api.inviteCompanyMember(submission.value);
      } catch (e) {
        const res = refusal(e, submission.values, 'invitation', true);
        return json<Reply>(withAmountErrors((await res.json()) as FormReply, amountTyped), {
          status: res.status,
        });
      }
      return redirect(`/account/members?invited=${encodeURIComponent(submission.value.email)}`);
    }
    const submission = parseForm(UpdateMemberBody, form, {
      what: 'member',
      toInput: (v) => limitInput(v, currency),
    });
    if (!submission.ok)
      return json<Reply>({ ...withAmountErrors(submission.reply, amountTyped), memberId }, { status: 400 });
    await api.updateCompanyMember(memberId, submission.value);
    return redirect('/account/members?saved=1');
  } catch (e) {
    const res = refusal(e, {}, 'member', true);
    return json<Reply>({ ...((await res.json()) as FormReply), memberId }, { status: res.status });
  }
}

const PERIODS = [
  ['', 'No limit'],
  ['week', 'per week'],
  ['month', 'per month'],
  ['quarter', 'per quarter'],
] as const;

function RoleAndLimit({
  idPrefix,
  member,
  currency,
  errors,
}: {
  idPrefix: string;
  member?: Pick<CompanyMember, 'role' | 'spendingLimit'>;
  currency: string;
  errors?: FormReply['fields'];
}) {
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>Role</label>
        <select id={`${idPrefix}-role`} name="role" defaultValue={member?.role ?? 'buyer_member'}>
          <option value="buyer_member">Buyer</option>
          <option value="buyer_approver">Approver</option>
          <option value="buyer_admin">Administrator</option>
        </select>
        <FieldErrors name={`${idPrefix}-role`} errors={errorsOf(errors, 'role')} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-limit`}>Spending limit ({currency}, optional)</label>
        <div className="field-row">
          <input
            id={`${idPrefix}-limit`}
            name="limitAmount"
            inputMode="decimal"
            defaultValue={
              member?.spendingLimit ? minorToInput(member.spendingLimit.amountMinor, currency) : ''
            }
            placeholder="e.g. 2500.00"
          />
          <select
            name="spendingPeriod"
            aria-label="Period"
            defaultValue={member?.spendingLimit?.period ?? ''}
          >
            {PERIODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FieldErrors name={`${idPrefix}-limitAmount`} errors={errorsOf(errors, 'limitAmount')} />
        <FieldErrors name={`${idPrefix}-spendingPeriod`} errors={errorsOf(errors, 'spendingPeriod')} />
      </div>
    </div>
  );
}

export default function Members() {
  const { user, members, currency } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const invited = params.get('invited');
  const inviteReply = data && !data.memberId ? data : null;
  const inviteEmail = inviteReply?.values?.email;
  return (
    <main className="page narrow-page">
      <h1>Members</h1>
      <AccountNav user={user} />
      <CompanyStatusNote user={user} />
      {invited ? <FormMessage reply={okReply(`Invitation sent to ${invited}.`)} /> : null}
      {params.get('saved') ? <FormMessage reply={okReply('Saved.')} /> : null}
      {params.get('removed') ? (
        <FormMessage reply={okReply('The member was removed; their sessions have ended.')} />
      ) : null}
      <ul className="account-list" data-testid="members">
        {members.data.map((m) => {
          const reply = data?.memberId === m.id ? data : null;
          return (
            <li key={m.id} className="card" data-testid={`member-${m.email}`}>
              <p>
                <strong>{m.name || m.email}</strong> · {m.email} · {ROLE_NAMES[m.role]} ·{' '}
                {statusLabel(m.status)}
                {m.spendingLimit
                  ? ` · limit ${formatMoney(m.spendingLimit.amountMinor, currency)} per ${m.spendingLimit.period}`
                  : ''}
              </p>
              <FormMessage reply={reply} />
              <Form method="post" className="stack">
                <SessionCsrf />
                <input type="hidden" name="memberId" value={m.id} />
                <RoleAndLimit idPrefix={`m-${m.id}`} member={m} currency={currency} errors={reply?.fields} />
                <div className="actions">
                  <button type="submit" name="intent" value="update" className="button secondary">
                    Save
                  </button>{' '}
                  {m.id === user.id ? null : (
                    <button
                      type="submit"
                      name="intent"
                      value="remove"
                      className="button danger"
                      formNoValidate
                    >
                      Remove
                    </button>
                  )}
                </div>
              </Form>
            </li>
          );
        })}
      </ul>
      {members.nextCursor ? (
        <AppLink to={`/account/members?cursor=${encodeURIComponent(members.nextCursor)}`}>
          More members
        </AppLink>
      ) : null}
      <h2>Invite someone</h2>
      <FormMessage reply={inviteReply} />
      <Form method="post" className="stack" data-testid="invite-form">
        <SessionCsrf />
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          defaultValue={typeof inviteEmail === 'string' ? inviteEmail : undefined}
          errors={errorsOf(inviteReply?.fields, 'email')}
        />
        <RoleAndLimit idPrefix="invite" currency={currency} errors={inviteReply?.fields} />
        <button type="submit" name="intent" value="invite" className="button">
          Send the invitation
        </button>
      </Form>
    </main>
  );
}
