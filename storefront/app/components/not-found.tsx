import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { AppLink } from './app-link.js';

/**
 * The body of a route's error boundary: a 404 is answered inside the site (header and footer
 * stay) with what was not found and where to go instead; anything else is the generic apology.
 */
export function NotFoundOrError(text: { title: string; message: string; to: string; linkLabel: string }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="page error-page">
      <h1>{notFound ? text.title : 'Something went wrong'}</h1>
      <p>{notFound ? text.message : 'Please try again in a moment.'}</p>
      <p>
        <AppLink to={text.to}>{text.linkLabel}</AppLink>
      </p>
    </main>
  );
}
