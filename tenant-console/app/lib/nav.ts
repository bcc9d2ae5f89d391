export const staffNav = [
  { to: '/', label: 'Tenants' },
  { to: '/tenants/new', label: 'New tenant' },
];

export const operatorNav = [
  { to: '/console', label: 'Overview' },
  { to: '/console/vendors', label: 'Vendors' },
  { to: '/console/branding', label: 'Branding' },
  { to: '/console/team', label: 'Team' },
];

export const vendorNav = [
  { to: '/console', label: 'Overview' },
  { to: '/console/products', label: 'Products' },
  { to: '/console/products/import', label: 'Import CSV' },
];

/** The console's navigation for a user's role. */
export const navFor = (role: string) =>
  role === 'vendor_admin' || role === 'vendor_staff' ? vendorNav : operatorNav;
