import { InviteOperatorBody, PageQuery, TeamMember, TeamPage } from '@agora/contracts';
import { inviteOperator, listTeam, removeTeamMember } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { optionalParams } from './query-params.js';

const secured = { tags: ['team'], ...access.operator };

/** The marketplace's operator staff: the owner and operators (owner and operators only). */
export const tenantTeam = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/team',
      operationId: 'listTeam',
      summary: 'The operator team: owner first, then operators, invited or active',
      description: 'Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: optionalParams(PageQuery) },
      responses: { 200: json(TeamPage, 'One page of the team'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listTeam(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/team/invitations',
      operationId: 'inviteOperator',
      summary: 'Invite an operator by email',
      description:
        'Adds the person as an `invited` operator and emails them a link to set a password (valid 7 days). 409 `email_taken` when the email already has an account in this marketplace.',
      request: { body: jsonBody(InviteOperatorBody) },
      responses: {
        201: json(TeamMember, 'Invited'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await inviteOperator(c.var.deps.database, c.var.tenant, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/team/{id}',
      operationId: 'removeTeamMember',
      summary: 'Remove an operator (or withdraw an invitation)',
      description:
        'Their sessions stop working at once. The owner cannot be removed and nobody can remove themselves (409 `conflict`); an id that is not on the team is a 404.',
      request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await removeTeamMember(c.var.deps.database, c.var.tenant, {
        actorId: c.var.user.sub,
        userId: c.req.valid('param').id,
      });
      return c.body(null, 204);
    },
  );
