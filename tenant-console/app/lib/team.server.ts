import { ApiError, type Page, type PageQuery, type TenantApi } from '@agora/api-client';
import { apiErrorReply, type FormReply, type FormSchema, okReply, parseForm } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { requireTenantUser, verifiedForm } from './session.server.js';

/** Which team a page manages: the marketplace's operators, or the signed-in vendor's staff. */
export type TeamCalls = {
  list(
    api: TenantApi,
    query: PageQuery,
  ): Promise<Page<{ id: string; email: string; name: string; role: string; status: string }>>;
  /** The API's invitation body (contracts), which the form is checked with. */
  inviteBody: FormSchema<{ email: string }>;
  invite(api: TenantApi, email: string): Promise<unknown>;
  remove(api: TenantApi, id: string): Promise<unknown>;
};

export type TeamActionResult = FormReply;

export const TEAM_PAGE_SIZE = 50;

/**
 * The team page's loader: the signed-in user and one page of members (`?cursor`). A cursor that
 * is not one (an edited address) gives the first page.
 */
export const teamLoader =
  (calls: TeamCalls) =>
  async ({ request, context }: LoaderFunctionArgs) => {
    const { api, user } = await requireTenantUser(request, context);
    const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
    const page = await calls.list(api, { cursor, limit: TEAM_PAGE_SIZE }).catch((e: unknown) => {
      if (cursor && e instanceof ApiError && e.status === 400)
        return calls.list(api, { limit: TEAM_PAGE_SIZE });
      throw e;
    });
    return { user, members: page.data, cursor, nextCursor: page.nextCursor };
  };

/** The team page's action: invite (`intent=invite`, `email`) or remove (`intent=remove`, `id`). */
export const teamAction =
  (calls: TeamCalls) =>
  async ({ request, context }: ActionFunctionArgs): Promise<TeamActionResult> => {
    const { api } = await requireTenantUser(request, context);
    const form = await verifiedForm(request);
    try {
      if (form.get('intent') === 'remove') {
        await calls.remove(api, String(form.get('id') ?? ''));
        return okReply(`${form.get('email')} no longer has access.`);
      }
      const submission = parseForm(calls.inviteBody, form, { what: 'invitation' });
      if (!submission.ok) return submission.reply;
      await calls.invite(api, submission.value.email);
      return okReply(`Invitation sent to ${submission.value.email}.`);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'invitation');
      throw e;
    }
  };
