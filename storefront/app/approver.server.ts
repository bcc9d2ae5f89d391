import { type Buyer, requireBuyer } from './session.server.js';

/** The signed-in buyer if they may decide on orders over a spending limit (approver or admin); else a 403 page. */
export async function requireApprover(
  request: Request,
  context: Parameters<typeof requireBuyer>[1],
): Promise<Buyer> {
  const buyer = await requireBuyer(request, context);
  if (buyer.user.role !== 'buyer_approver' && buyer.user.role !== 'buyer_admin')
    throw new Response(
      'Only approvers and administrators of your company decide on orders waiting for approval.',
      {
        status: 403,
        statusText: 'Forbidden',
      },
    );
  return buyer;
}
