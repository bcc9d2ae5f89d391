import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { tenantContext } from '../lib/session.server.js';
import { SignInForm } from '../lib/sign-in.js';
import { signIn } from '../lib/sign-in.server.js';
import { useRootData } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Sign in' }];

export function loader({ context }: LoaderFunctionArgs) {
  tenantContext(context);
  return null;
}

export function action({ request, context }: ActionFunctionArgs) {
  return signIn(request, tenantContext(context).api.login, '/console');
}

export default function ConsoleLogin() {
  const { place } = useRootData();
  return (
    <SignInForm title={`Sign in to ${place}`} fallback="/console">
      <p>
        <Link to="/console/forgot-password">Forgot your password?</Link>
      </p>
    </SignInForm>
  );
}
