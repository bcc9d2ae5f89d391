import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { AppLink } from './app-link.js';

/**
 * A route's error boundary that answers a 404 inside the site (header and footer stay) with
 * what was not found and where to go instead; anything else is the generic apology.
 */
export function notFoundBoundary(text: { title: string; message: string; to: string; linkLabel: string }) {
  return function NotFoundBoundary() {
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
  };
}
