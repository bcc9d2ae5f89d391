import { InviteVendorStaffBody } from '@agora/contracts';
import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { TeamPage } from '../lib/team.js';
import { type TeamCalls, teamAction, teamLoader } from '../lib/team.server.js';

export const meta: MetaFunction = () => [{ title: 'Vendor team' }];

/** The signed-in vendor's admins and staff; only its admins invite and remove. */
const vendorStaff: TeamCalls = {
  list: (api, query) => api.vendorTeam(query),
  inviteBody: InviteVendorStaffBody,
  invite: (api, email) => api.inviteVendorStaff(email),
  remove: (api, id) => api.removeVendorStaff(id),
};
export const loader = teamLoader(vendorStaff);
export const action = teamAction(vendorStaff);

export default function VendorTeam() {
  const { user, members, cursor, nextCursor } = useLoaderData<typeof loader>();
  const isAdmin = user.role === 'vendor_admin';
  return (
    <TeamPage
      title="Team"
      inviteHeading="Invite a colleague"
      user={user}
      members={members}
      cursor={cursor}
      nextCursor={nextCursor}
      result={useActionData<typeof action>()}
      canInvite={isAdmin}
      canRemove={(m) => isAdmin && m.role !== 'vendor_admin' && m.id !== user.id}
      roleLabel={(role) => (role === 'vendor_admin' ? 'admin' : 'staff')}
    />
  );
}
