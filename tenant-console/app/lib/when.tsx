import { formatDate, formatDateTime } from '@agora/ui/dates';
import { useRouteLoaderData } from '@remix-run/react';

/** The marketplace's time zone, from the root loader (UTC on the platform's own pages). */
export function useTimeZone(): string {
  return useRouteLoaderData<{ timeZone?: string }>('root')?.timeZone ?? 'UTC';
}

/**
 * A moment as the marketplace shows it: "6 Dec 2026, 14:05 CET", or its calendar day with
 * `date` ("6 Dec 2026"), in the marketplace's time zone (`@agora/ui/dates`).
 */
export function When({ at, date = false }: { at: string; date?: boolean }) {
  const timeZone = useTimeZone();
  return <time dateTime={at}>{date ? formatDate(at, timeZone) : formatDateTime(at, timeZone)}</time>;
}
