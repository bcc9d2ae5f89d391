import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { platformContext } from '../lib/session.server.js';
import { SignInForm } from '../lib/sign-in.js';
import { signIn } from '../lib/sign-in.server.js';

export const meta: MetaFunction = () => [{ title: 'Staff sign in · Agora' }];

export function loader({ context }: LoaderFunctionArgs) {
  platformContext(context);
  return null;
}

export function action({ request, context }: ActionFunctionArgs) {
  return signIn(request, platformContext(context).login, '/');
}

export default function StaffLogin() {
  return <SignInForm title="Agora staff" fallback="/" />;
}
