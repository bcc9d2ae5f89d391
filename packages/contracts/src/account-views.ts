import { z } from 'zod';
import { BrandingWarning } from './branding.js';
import { NextCursor } from './page-query.js';
import { FONTS } from './tenants.js';

/**
 * Response shapes of the storefront, accounts, team and settings endpoints: the routes document
 * and check them, core's views are `z.infer` of them, the api-client's types are derived from
 * them (type-only).
 */

const ThemeView = z.object({
  primaryColor: z.string().meta({ example: '#1f4f8b' }),
  accentColor: z.string().meta({ example: '#b45309' }),
  font: z.enum(FONTS),
  logoUrl: z.string().nullable().meta({
    example: '/media/logo/3f2a9c0d1b7e4a55.png',
    description: "Path on the marketplace's own host; null without a logo",
  }),
});

/** The storefront footer the operator writes (`Footer` is its input, with defaults). */
const FooterView = z
  .object({
    text: z.string().meta({ description: 'Plain text' }),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
  })
  .meta({ id: 'Footer' });

export const Storefront = z
  .object({
    name: z.string(),
    tagline: z.string(),
    theme: ThemeView,
    footer: FooterView,
    timeZone: z.string().meta({
      description:
        'The marketplace’s time zone (IANA, commerce settings): every date and time is shown in it',
      example: 'Europe/Berlin',
    }),
  })
  .meta({ id: 'Storefront' });
export type Storefront = z.infer<typeof Storefront>;

/** A session: the answer of every log-in (tenant users and platform staff). */
export const Session = z
  .object({
    token: z.string().meta({ description: 'Access token, valid on the hosts of its audience only' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const PasswordResetRequested = z.object({ message: z.string() }).meta({
  id: 'PasswordResetRequested',
  example: { message: 'If an account exists for this email, a link to reset its password is on its way.' },
});
export type PasswordResetRequested = z.infer<typeof PasswordResetRequested>;

/** `POST /auth/email-verification`: a new verification link for the signed-in user. */
export const EmailVerificationSent = z
  .object({
    message: z.string(),
    alreadyVerified: z
      .boolean()
      .meta({ description: 'True when there was nothing to confirm: no email sent' }),
  })
  .meta({
    id: 'EmailVerificationSent',
    example: {
      message:
        'A new link is on its way to jane@buyer.test. Open it within 24 hours to confirm your address.',
      alreadyVerified: false,
    },
  });
export type EmailVerificationSent = z.infer<typeof EmailVerificationSent>;

/** `GET /users/{id}`. */
export const User = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), status: z.string() })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** `GET /me`: the signed-in user of this marketplace. */
export const Me = User.extend({
  vendorId: z.string().nullable().meta({ description: 'The vendor of a vendor admin or staff user' }),
  emailVerified: z.boolean(),
}).meta({ id: 'TenantUser' });
export type Me = z.infer<typeof Me>;

export const TeamMember = z
  .object({
    id: z.string().meta({ example: 'usr_8k2m4q7w1z3x5c9v' }),
    email: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'operator']),
    status: z.enum(['invited', 'active']).meta({ description: '`invited` until the invitation is accepted' }),
    createdAt: z.string(),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;
export const TeamPage = z.object({ data: z.array(TeamMember), nextCursor: NextCursor }).meta({ id: 'Team' });
export type TeamPage = z.infer<typeof TeamPage>;

export const Branding = z
  .object({
    name: z.string().meta({ example: 'Acme Supply' }),
    tagline: z.string().meta({ example: 'Industrial parts, wholesale' }),
    theme: ThemeView,
    footer: FooterView,
    warnings: z.array(BrandingWarning).meta({
      description:
        'Advice that does not stop saving, for example colors with too little contrast for the white ' +
        'text the storefront puts on them. `field` names the form field.',
      example: [
        {
          field: 'accentColor',
          message: 'Low contrast with white text (3.0:1; at least 4.5:1 is recommended)',
        },
      ],
    }),
  })
  .meta({ id: 'Branding' });
export type Branding = z.infer<typeof Branding>;

/** Platform staff, as `GET /platform/v1/me` shows them. */
export const Staff = z.object({ id: z.string(), email: z.string(), name: z.string() }).meta({ id: 'Staff' });
export type Staff = z.infer<typeof Staff>;

/** An email the platform recorded (the development mailbox). */
export const StoredEmail = z
  .object({
    id: z.string(),
    tenantId: z.string().nullable(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    kind: z.string().meta({ example: 'invitation' }),
    status: z.enum(['stored', 'sent', 'failed']),
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'Email' });
export type StoredEmail = z.infer<typeof StoredEmail>;
