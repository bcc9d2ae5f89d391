/**
 * A URL slug from a display name: accents dropped ("Écrous" -> "ecrous"), anything that is not
 * a letter or digit becomes one hyphen, at most 80 characters. Names with no Latin letters or
 * digits at all (say, only CJK) give an empty string; callers then ask for a slug explicitly.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\u00df/g, 'ss') // sharp s, escaped: the bundle stays ASCII, one byte a character (ADR 0032)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
