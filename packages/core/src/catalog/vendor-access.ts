/** A vendor user acting on their own vendor's catalog (from `requireVendorUser` in the API). */
export type VendorActor = { userId: string; vendorId: string };
