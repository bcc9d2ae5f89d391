/**
 * Dates and times as the marketplace shows them: in its time zone (commerce settings'
 * `timeZone`), never the server's or the reader's, so a buyer, its vendor and the operator read
 * the same day and hour for one order. Times carry the zone's abbreviation ("14:05 CET"); a date
 * alone does not (the day is the marketplace's day). Plain Intl, no zod: safe for browser bundles
 * (`@agora/ui/dates`).
 */

// Building an Intl.DateTimeFormat costs far more than formatting with one; a list page formats
// dozens of dates. Zones come from validated settings, so these maps stay small.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time' | 'parts' | 'zone-gb' | 'zone-us', timeZone: string) {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { timeZone, day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'time'
          ? { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
          : kind === 'parts'
            ? {
                timeZone,
                hourCycle: 'h23',
                year: 'numeric',
                month: '2-digit',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
              }
            : { timeZone, timeZoneName: 'short' };
    f = new Intl.DateTimeFormat(kind === 'zone-us' ? 'en-US' : 'en-GB', options);
    formatters.set(key, f);
  }
  return f;
}

const isZone = (timeZone: string) => {
  try {
    formatter('date', timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The zone to use: the marketplace's when it is a real IANA zone, else UTC. */
const zoneOr = (timeZone: string | null | undefined) => (timeZone && isZone(timeZone) ? timeZone : 'UTC');

const toDate = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);

/**
 * The zone's abbreviation at that instant: "CET" / "CEST", "EST" / "EDT", "GMT" / "BST", or the
 * offset ("GMT+9") where English has no common abbreviation. Summer time is taken into account.
 */
export function zoneAbbreviation(at: string | Date, timeZone: string): string {
  const zone = zoneOr(timeZone);
  const date = toDate(at);
  const name = (f: Intl.DateTimeFormat) =>
    f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value;
  // British English names European zones, American English the American ones; otherwise the offset.
  const gb = name(formatter('zone-gb', zone)) ?? zone;
  if (!gb.startsWith('GMT+') && !gb.startsWith('GMT-')) return gb;
  const us = name(formatter('zone-us', zone)) ?? gb;
  return us.startsWith('GMT+') || us.startsWith('GMT-') ? gb : us;
}

/** "6 Dec 2026, 14:05 CET": a moment (placed, shipped, a tracking event) in the marketplace's zone. */
export function formatDateTime(at: string | Date, timeZone: string): string {
  const zone = zoneOr(timeZone);
  return `${formatter('time', zone).format(toDate(at))} ${zoneAbbreviation(at, zone)}`;
}

/** "6 Dec 2026": the marketplace's calendar day of a moment (an invoice's issue or due date). */
export function formatDate(at: string | Date, timeZone: string): string {
  return formatter('date', zoneOr(timeZone)).format(toDate(at));
}

/** "2026-12-06T14:05": a moment as a `datetime-local` input shows it, in the marketplace's zone. */
export function toLocalInput(at: string | Date, timeZone: string): string {
  const p = wallClock(toDate(at), zoneOr(timeZone));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The moment a `datetime-local` value ("2026-12-06T14:05") means in the marketplace's zone, or
 * null for a value that is not one. A wall-clock time skipped by a summer-time jump comes out an
 * hour later; a repeated one is its first occurrence.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const asUtc = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  if (Number.isNaN(asUtc)) return null;
  const zone = zoneOr(timeZone);
  // The zone's offsets a day before and after: at most two (around a summer-time change). The
  // earliest candidate whose wall clock reads the value wins; none does inside a skipped hour.
  const before = asUtc - offsetMs(new Date(asUtc - 86_400_000), zone);
  const after = asUtc - offsetMs(new Date(asUtc + 86_400_000), zone);
  const wanted = toLocalInput(new Date(asUtc), 'UTC');
  const fits = [before, after]
    .sort((a, b) => a - b)
    .find((at) => toLocalInput(new Date(at), zone) === wanted);
  return new Date(fits ?? before);
}

type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

function wallClock(date: Date, timeZone: string): WallClock {
  const parts = formatter('parts', timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at that moment, in ms. */
function offsetMs(date: Date, timeZone: string): number {
  const p = wallClock(date, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}
