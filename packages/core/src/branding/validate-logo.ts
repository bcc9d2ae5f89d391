import { AppError, LOGO_MAX_BYTES } from '@agora/contracts';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export type LogoType =
  | { kind: 'png'; contentType: 'image/png'; ext: 'png' }
  | { kind: 'jpeg'; contentType: 'image/jpeg'; ext: 'jpg' }
  | { kind: 'svg'; contentType: 'image/svg+xml'; ext: 'svg' };

const PNG: LogoType = { kind: 'png', contentType: 'image/png', ext: 'png' };
const JPEG: LogoType = { kind: 'jpeg', contentType: 'image/jpeg', ext: 'jpg' };
const SVG: LogoType = { kind: 'svg', contentType: 'image/svg+xml', ext: 'svg' };

const KB = 1024;

/** A 400 naming the `logo` field, in the one validation-error shape. */
export function logoError(message: string): AppError {
  return new AppError('validation_failed', `Invalid logo: ${message}`, {
    fields: [{ path: 'logo', message }],
  });
}

export const logoTooLarge = (size?: number) =>
  logoError(
    `${size === undefined ? 'the file' : `the file (${Math.ceil(size / KB)} KB)`} is larger than the ` +
      `${LOGO_MAX_BYTES / KB} KB limit; export a smaller image`,
  );

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * Check an uploaded logo and say what it is. The type comes from the bytes, never from a file
 * name or a Content-Type header: PNG and JPEG by their signatures, SVG by parsing it as XML.
 * SVGs are not sanitized but rejected when anything in them could run code or load something
 * (see `unsafeSvgReason`): a logo is a plain vector drawing, and a rejected file with a clear
 * reason is easier to fix than a silently altered one. Throws a 400 AppError on `logo`.
 */
export function validateLogo(bytes: Uint8Array): LogoType {
  if (bytes.byteLength === 0) throw logoError('the file is empty');
  if (bytes.byteLength > LOGO_MAX_BYTES) throw logoTooLarge(bytes.byteLength);

  // PNG: 8-byte signature, then the IHDR chunk (length 13).
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (!startsWith(bytes, [0, 0, 0, 13, ...ascii('IHDR')], 8)) throw logoError('the PNG file is damaged');
    return PNG;
  }
  // JPEG: SOI marker followed by another marker.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (
    startsWith(bytes, ascii('GIF8')) ||
    (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
  )
    throw logoError('GIF and WebP images are not supported; upload a PNG, JPEG or SVG');

  const text = decodeUtf8(bytes);
  if (text === null || !/^\s*</.test(text) || !/<svg[\s>/]/.test(text))
    throw logoError('the file is not a PNG, JPEG or SVG image');
  const reason = unsafeSvgReason(text);
  if (reason) throw logoError(`the SVG ${reason}`);
  return SVG;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements that run code, embed documents or pull in other resources, in any namespace. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'frame',
  'frameset',
  'embed',
  'object',
  'applet',
  'base',
  'link',
  'meta',
  'handler',
  'listener',
]);

// Browsers ignore tabs, newlines and other control characters inside URL schemes.
const squash = (value: string) =>
  [...value]
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
const SCRIPT_URL = /(?:java|vb)script:/;
/** `url(...)` whose target is not a fragment of this document (`url(#gradient)` is fine). */
const EXTERNAL_CSS_URL = /url\((?!['"]?#)/;

/**
 * Why an SVG is unsafe as a logo, or null when it is a plain vector image. Rejected:
 * not well-formed XML (undefined entities included); a root other than <svg> in the SVG
 * namespace; <!DOCTYPE> (and so <!ENTITY>); processing instructions (xml-stylesheet);
 * <script>, <foreignObject>, <iframe>, <embed>, <object> and similar; any XHTML element;
 * event-handler attributes (on*); href / xlink:href not pointing inside the document ('#...'),
 * which covers javascript: and data: URLs and external files; animations that set href or
 * on* attributes; javascript: anywhere in an attribute; CSS url() to anything but '#...',
 * image()/image-set(), @import and CSS escapes, in style attributes and <style>.
 */
export function unsafeSvgReason(text: string): string | null {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let reason: string | null = null;
  let root: SaxesTagNS | null = null;
  let inStyle = 0;
  const flag = (why: string) => {
    reason ??= why;
  };
  const checkCss = (css: string, where: string) => {
    const s = squash(css);
    if (EXTERNAL_CSS_URL.test(s)) flag(`loads an external resource through url() in ${where}`);
    else if (/image(?:-set)?\(/.test(s)) flag(`loads an external resource through image() in ${where}`);
    else if (s.includes('@import')) flag(`imports a stylesheet in ${where}`);
    // Escapes can spell url( or @import in ways the checks above would not see.
    else if (s.includes('\\')) flag(`uses CSS escapes in ${where}`);
    else if (SCRIPT_URL.test(s) || s.includes('expression(')) flag(`contains script in ${where}`);
  };

  parser.on('doctype', () => flag('contains a <!DOCTYPE> (and possibly <!ENTITY> definitions); remove it'));
  parser.on('processinginstruction', (pi) => flag(`contains a processing instruction <?${pi.target}?>`));
  parser.on('opentag', (tag) => {
    root ??= tag;
    const local = tag.local.toLowerCase();
    if (root === tag && (tag.local !== 'svg' || tag.uri !== SVG_NS))
      return flag(`root element must be <svg xmlns="${SVG_NS}">`);
    if (FORBIDDEN_ELEMENTS.has(local)) return flag(`contains a <${tag.local}> element`);
    if (tag.uri === XHTML_NS) return flag(`contains an HTML element <${tag.name}>`);
    if (local === 'style') inStyle++;
    for (const attr of Object.values(tag.attributes)) {
      const name = attr.local.toLowerCase();
      const value = squash(attr.value);
      if (name.startsWith('on')) return flag(`has an event-handler attribute ${attr.name} on <${tag.name}>`);
      if (name === 'href' && !value.startsWith('#')) {
        const what = value.startsWith('javascript:')
          ? 'a javascript: URL'
          : value.startsWith('data:')
            ? 'a data: URL'
            : 'an external reference';
        return flag(
          `has ${what} in ${attr.name} on <${tag.name}>; only references inside the file (#id) are allowed`,
        );
      }
      if (name === 'attributename' && (value.endsWith('href') || value.startsWith('on')))
        return flag(`animates the ${attr.value} attribute on <${tag.name}>`);
      if (SCRIPT_URL.test(value)) return flag(`contains a javascript: URL in ${attr.name} on <${tag.name}>`);
      if (name === 'style' || value.includes('url(')) checkCss(attr.value, `${attr.name} on <${tag.name}>`);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local.toLowerCase() === 'style') inStyle--;
  });
  const onStyleText = (css: string) => {
    if (inStyle > 0) checkCss(css, '<style>');
  };
  parser.on('text', onStyleText);
  parser.on('cdata', onStyleText);

  try {
    parser.write(text).close();
  } catch (e) {
    const detail = (e as Error).message.replace(/^[^:]*:\d+:\d+: /, '').replace(/\.$/, '');
    return reason ?? `is not well-formed XML (${detail})`;
  }
  if (!root) return 'has no <svg> element';
  return reason;
}
