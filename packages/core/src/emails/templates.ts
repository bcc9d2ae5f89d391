/** Email bodies: plain text first (what the dev mailbox shows), and a simple HTML twin. */
export type EmailContent = { subject: string; text: string; html: string };

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function layout(paragraphs: string[], link: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#222;max-width:36rem">
${body}
<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:.6rem 1rem;background:#1f4f8b;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a></p>
<p style="color:#666;font-size:.9em">Or paste this link into your browser: ${escapeHtml(link.href)}</p>
</body></html>`;
}

const ROLE_LABELS: Record<string, string> = {
  owner: 'owner',
  operator: 'an operator',
  vendor_admin: 'a vendor administrator',
  vendor_staff: 'vendor staff',
  buyer_admin: 'a buyer administrator',
  buyer_member: 'a buyer',
  buyer_approver: 'an approver of purchases',
};

export function invitationEmail(input: { marketName: string; role: string; link: string }): EmailContent {
  const role = ROLE_LABELS[input.role] ?? input.role;
  const lines = [
    `You have been invited to ${input.marketName} as ${role}.`,
    'Choose a password to accept the invitation. The link is valid for 7 days and works once.',
  ];
  return {
    subject: `You're invited to ${input.marketName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you did not expect this invitation, you can ignore this email.\n`,
    html: layout([...lines, 'If you did not expect this invitation, you can ignore this email.'], {
      href: input.link,
      label: 'Accept the invitation',
    }),
  };
}

export function passwordResetEmail(input: { marketName: string; link: string }): EmailContent {
  const lines = [
    `Someone asked to reset the password of your ${input.marketName} account.`,
    'Choose a new password with the link below. It is valid for 1 hour and works once.',
  ];
  return {
    subject: `Reset your ${input.marketName} password`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
    html: layout(
      [...lines, 'If you did not ask for this, ignore this email: your password stays as it is.'],
      { href: input.link, label: 'Choose a new password' },
    ),
  };
}

export function emailVerificationEmail(input: { marketName: string; link: string }): EmailContent {
  const lines = [
    `Confirm that this is your email address for your ${input.marketName} account.`,
    'The link is valid for 24 hours.',
  ];
  return {
    subject: `Confirm your email for ${input.marketName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you did not create this account, you can ignore this email.\n`,
    html: layout([...lines, 'If you did not create this account, you can ignore this email.'], {
      href: input.link,
      label: 'Confirm my email',
    }),
  };
}

/** To the owner and operators: a vendor applied (or resubmitted after a request for information). */
export function vendorApplicationEmail(input: {
  marketName: string;
  vendorName: string;
  legalName: string;
  country: string;
  resubmitted: boolean;
  autoApproved: boolean;
  link: string;
}): EmailContent {
  const lines = [
    input.resubmitted
      ? `${input.vendorName} (${input.legalName}, ${input.country}) sent the information you asked for and is waiting for your review on ${input.marketName}.`
      : `${input.vendorName} (${input.legalName}, ${input.country}) applied to sell on ${input.marketName}.`,
    input.autoApproved
      ? 'Automatic approval is on, so the vendor is already approved; you can review and suspend it.'
      : 'Review the application and its documents, then approve, reject or ask for more information.',
  ];
  return {
    subject: input.resubmitted
      ? `Vendor application updated: ${input.vendorName}`
      : `New vendor application: ${input.vendorName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(lines, { href: input.link, label: 'Review the vendor' }),
  };
}

const DECISIONS = {
  approve: (m: string, v: string, verified: boolean) => ({
    subject: `${v} is approved on ${m}`,
    lines: [
      verified
        ? `Good news: ${v} is approved and verified on ${m}. You can now publish products.`
        : `Good news: ${v} is approved on ${m}. You can now publish products. The verified badge follows once ${m} has reviewed your documents.`,
    ],
  }),
  verify: (m: string, v: string) => ({
    subject: `${v} is verified on ${m}`,
    lines: [`${m} has reviewed the documents of ${v}: buyers now see it as a verified vendor.`],
  }),
  reject: (m: string, v: string) => ({
    subject: `Your application to sell on ${m} was not accepted`,
    lines: [`${m} has reviewed the application of ${v} and did not accept it.`],
  }),
  request_info: (m: string, v: string) => ({
    subject: `${m} needs more information about ${v}`,
    lines: [
      `${m} is reviewing the application of ${v} and needs more information.`,
      'Update your profile or add documents, then save the profile to send it for review again.',
    ],
  }),
  suspend: (m: string, v: string) => ({
    subject: `${v} is suspended on ${m}`,
    lines: [`${m} has suspended ${v}. Its products are hidden from buyers until it is reinstated.`],
  }),
  reinstate: (m: string, v: string) => ({
    subject: `${v} is active again on ${m}`,
    lines: [`${m} has reinstated ${v}. Its published products are visible to buyers again.`],
  }),
} as const;

/** To the vendor's contact: an operator's decision, with the reason or the question. */
export function vendorDecisionEmail(input: {
  marketName: string;
  vendorName: string;
  action: keyof typeof DECISIONS;
  reason: string | null;
  /** Whether the vendor is verified after the decision (the approval email says so). */
  verified: boolean;
  link: string;
}): EmailContent {
  const { subject, lines } = DECISIONS[input.action](input.marketName, input.vendorName, input.verified);
  const reasonLabel = input.action === 'request_info' ? 'What is needed' : 'Reason';
  const all = [...lines, ...(input.reason ? [`${reasonLabel}: ${input.reason}`] : [])];
  return {
    subject,
    text: `${all.join('\n\n')}\n\n${input.link}\n`,
    html: layout(all, { href: input.link, label: 'Open your vendor console' }),
  };
}

/** To the vendor's contact: a product under review went back to draft, with the operator's reason. */
export function productRejectedEmail(input: {
  marketName: string;
  vendorName: string;
  productTitle: string;
  sku: string;
  reason: string;
  link: string;
}): EmailContent {
  const lines = [
    `${input.marketName} has reviewed "${input.productTitle}" (SKU ${input.sku}) of ${input.vendorName} and did not publish it. It is a draft again.`,
    `Reason: ${input.reason}`,
    'Edit the product to address this, then publish it to send it for review again.',
  ];
  return {
    subject: `"${input.productTitle}" was not published on ${input.marketName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(lines, { href: input.link, label: 'Open the product' }),
  };
}

/** To the marketplace's owner: one of its custom domains changed status after a DNS check. */
export function domainStatusEmail(input: {
  marketName: string;
  domain: string;
  status: string;
  previous: string;
  problem: string | null;
  disableAt: string | null;
  link: string;
}): EmailContent {
  const { domain } = input;
  const byStatus: Record<string, { subject: string; lines: string[] }> = {
    verified: {
      subject: `${domain} is verified for ${input.marketName}`,
      lines: [
        input.previous === 'pending'
          ? `${domain} is verified: ${input.marketName} is now served there, with HTTPS.`
          : `${domain} verifies again: its DNS records are back in order.`,
        'You can make it the primary domain in the console, so the other addresses redirect to it.',
      ],
    },
    failing: {
      subject: `Action needed: ${domain} stopped verifying`,
      lines: [
        `The DNS check of ${domain} failed: ${input.problem ?? 'its records are not as expected'}`,
        `${input.marketName} is still served there for now. Unless the records are fixed, the domain will be disabled${input.disableAt ? ` on ${new Date(input.disableAt).toUTCString()}` : ''}.`,
      ],
    },
    disabled: {
      subject: `${domain} was disabled`,
      lines: [
        `${domain} kept failing its DNS check, so ${input.marketName} is no longer served there: ${input.problem ?? 'its records are not as expected'}`,
        'Fix its DNS records and check it again in the console to turn it back on.',
      ],
    },
  };
  const chosen = byStatus[input.status] ?? {
    subject: `${domain} is now ${input.status}`,
    lines: [`The status of ${domain} changed from ${input.previous} to ${input.status}.`],
  };
  return {
    subject: chosen.subject,
    text: `${chosen.lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(chosen.lines, { href: input.link, label: 'Open the domains page' }),
  };
}

const ORDER_DECISIONS = {
  accepted: (v: string) => ({
    subject: `${v} accepted your order`,
    line: `${v} accepted your order and will ship it. The invoice is ready in your account.`,
  }),
  rejected: (v: string) => ({
    subject: `${v} could not accept your order`,
    line: `${v} rejected your order.`,
  }),
  shipped: (v: string) => ({
    subject: `${v} shipped your order`,
    line: `${v} shipped (part of) your order. Follow it with the tracking number below.`,
  }),
  delivered: (v: string) => ({
    subject: `Your order from ${v} was delivered`,
    line: `Your order from ${v} was delivered.`,
  }),
  cancelled: (v: string) => ({
    subject: `Your order from ${v} was cancelled`,
    line: `Your order from ${v} was cancelled.`,
  }),
} as const;

/** To the buyer who placed an order: the vendor (or an operator) decided about it. */
export function orderDecisionEmail(input: {
  marketName: string;
  vendorName: string;
  orderId: string;
  status: keyof typeof ORDER_DECISIONS;
  reason: string | null;
  tracking: string | null;
  link: string;
}): EmailContent {
  const { subject, line } = ORDER_DECISIONS[input.status](input.vendorName);
  const lines = [
    `${line} (order ${input.orderId} on ${input.marketName})`,
    ...(input.tracking ? [`Tracking: ${input.tracking}`] : []),
    ...(input.reason ? [`Reason: ${input.reason}`] : []),
  ];
  return {
    subject,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(lines, { href: input.link, label: 'See your order' }),
  };
}

/** To the owner and operators: a buyer company signed up (or sent the information asked for). */
export function companySignedUpEmail(input: {
  marketName: string;
  legalName: string;
  country: string;
  resubmitted: boolean;
  autoApproved: boolean;
  link: string;
}): EmailContent {
  const lines = [
    input.resubmitted
      ? `${input.legalName} (${input.country}) sent the information you asked for and is waiting for your review on ${input.marketName}.`
      : `${input.legalName} (${input.country}) created a business account on ${input.marketName}.`,
    input.autoApproved
      ? 'Automatic approval of buyers is on, so the company is already approved; you can review and suspend it.'
      : 'It can order once you approve it.',
  ];
  return {
    subject: input.resubmitted
      ? `Buyer company updated: ${input.legalName}`
      : `New buyer company: ${input.legalName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(lines, { href: input.link, label: 'Review the company' }),
  };
}

const COMPANY_DECISIONS = {
  approve: (m: string, c: string) => ({
    subject: `${c} is approved on ${m}`,
    lines: [`Good news: ${c} is approved on ${m}. Your team can now see prices and place orders.`],
  }),
  reject: (m: string, c: string) => ({
    subject: `Your business account on ${m} was not approved`,
    lines: [`${m} has reviewed the business account of ${c} and did not approve it.`],
  }),
  request_info: (m: string, c: string) => ({
    subject: `${m} needs more information about ${c}`,
    lines: [
      `${m} is reviewing the business account of ${c} and needs more information.`,
      'Update your company details, then save them to send them for review again.',
    ],
  }),
  suspend: (m: string, c: string) => ({
    subject: `${c} is suspended on ${m}`,
    lines: [`${m} has suspended ${c}. Your team cannot place orders until it is reinstated.`],
  }),
  reinstate: (m: string, c: string) => ({
    subject: `${c} is active again on ${m}`,
    lines: [`${m} has reinstated ${c}. Your team can place orders again.`],
  }),
} as const;

/** To a company's admins: an operator's decision, with the reason or the question. */
export function companyDecisionEmail(input: {
  marketName: string;
  legalName: string;
  action: keyof typeof COMPANY_DECISIONS;
  reason: string | null;
  link: string;
}): EmailContent {
  const { subject, lines } = COMPANY_DECISIONS[input.action](input.marketName, input.legalName);
  const label = input.action === 'request_info' ? 'What is needed' : 'Reason';
  const all = [...lines, ...(input.reason ? [`${label}: ${input.reason}`] : [])];
  return {
    subject,
    text: `${all.join('\n\n')}\n\n${input.link}\n`,
    html: layout(all, { href: input.link, label: 'Open your company account' }),
  };
}

/** To a company's admins: the operator changed its payment terms or credit limit. */
export function companyTermsEmail(input: {
  marketName: string;
  legalName: string;
  terms: string;
  creditLimit: string;
  link: string;
}): EmailContent {
  const lines = [
    `${input.marketName} has changed the terms of ${input.legalName}.`,
    `Payment: ${input.terms}. Credit limit: ${input.creditLimit}.`,
  ];
  return {
    subject: `Your terms on ${input.marketName} changed`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: layout(lines, { href: input.link, label: 'Open your company account' }),
  };
}
