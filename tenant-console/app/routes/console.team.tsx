import { InviteOperatorBody } from '@agora/contracts';
import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { TeamPage } from '../lib/team.js';
import { type TeamCalls, teamAction, teamLoader } from '../lib/team.server.js';

export const meta: MetaFunction = () => [{ title: 'Team' }];

/** The marketplace's operators (owner and operators). */
const operators: TeamCalls = {
  list: (api, query) => api.team(query),
  inviteBody: InviteOperatorBody,
  invite: (api, email) => api.inviteOperator(email),
  remove: (api, id) => api.removeTeamMember(id),
};
export const loader = teamLoader(operators);
export const action = teamAction(operators);

export default function Team() {
  const { user, members, cursor, nextCursor } = useLoaderData<typeof loader>();
  return (
    <TeamPage
      title="Team"
      inviteHeading="Invite an operator"
      user={user}
      members={members}
      cursor={cursor}
      nextCursor={nextCursor}
      result={useActionData<typeof action>()}
      canInvite
      canRemove={(m) => m.role !== 'owner' && m.id !== user.id}
      roleLabel={(role) => role}
    />
  );
}
