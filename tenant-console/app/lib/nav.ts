export const staffNav = [
  { to: '/', label: 'Tenants' },
  { to: '/tenants/new', label: 'New tenant' },
];

export const operatorNav = [
  { to: '/console', label: 'Overview' },
  { to: '/console/branding', label: 'Branding' },
  { to: '/console/team', label: 'Team' },
];
