export const staffNav = [
  { to: '/', label: 'Tenants' },
  { to: '/tenants/new', label: 'New tenant' },
];

export const operatorNav = [
  { to: '/console', label: 'Overview' },
  { to: '/console/vendors', label: 'Vendors' },
  { to: '/console/companies', label: 'Buyers' },
  { to: '/console/orders', label: 'Orders' },
  { to: '/console/categories', label: 'Categories' },
  { to: '/console/moderation', label: 'Moderation' },
  { to: '/console/revenue', label: 'Revenue' },
  { to: '/console/receivables', label: 'Receivables' },
  { to: '/console/payables', label: 'Payables' },
  { to: '/console/commission', label: 'Commission' },
  { to: '/console/settings', label: 'Settings' },
  { to: '/console/branding', label: 'Branding' },
  { to: '/console/domains', label: 'Domains' },
  { to: '/console/team', label: 'Team' },
];

export const vendorNav = [
  { to: '/console', label: 'Overview' },
  { to: '/console/orders', label: 'Orders' },
  { to: '/console/products', label: 'Products' },
  { to: '/console/products/import', label: 'Import CSV' },
  { to: '/console/balance', label: 'Balance' },
  { to: '/console/vendor-profile', label: 'Profile' },
  { to: '/console/vendor-team', label: 'Team' },
];

/** The console's navigation for a user's role. */
export const navFor = (role: string) =>
  role === 'vendor_admin' || role === 'vendor_staff' ? vendorNav : operatorNav;
