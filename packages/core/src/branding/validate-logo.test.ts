import { AppError, LOGO_MAX_BYTES } from '@agora/contracts';
import { tinyJpeg, tinyPng } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import { unsafeSvgReason, validateLogo } from './validate-logo.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

const rejection = (bytes: Uint8Array) => {
  try {
    validateLogo(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ fields: [{ path: 'logo', message: expect.any(String) }] });
    return err.message;
  }
  throw new Error('expected the logo to be rejected');
};

describe('validateLogo: type from the bytes', () => {
  it('recognizes a PNG', () => {
    expect(validateLogo(tinyPng())).toEqual({ kind: 'png', contentType: 'image/png', ext: 'png' });
  });

  it('recognizes a JPEG', () => {
    expect(validateLogo(tinyJpeg())).toEqual({ kind: 'jpeg', contentType: 'image/jpeg', ext: 'jpg' });
  });

  it('recognizes a plain SVG, with an XML declaration, comments, gradients and internal references', () => {
    const svg = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by hand -->
<svg ${NS} ${XLINK} viewBox="0 0 120 40" width="120" height="40">
  <title>Acme</title>
  <defs>
    <linearGradient id="g"><stop offset="0" stop-color="#1f4f8b"/><stop offset="1" stop-color="#e07a1f"/></linearGradient>
    <path id="p" d="M0 0h10v10z"/>
    <style>.a { fill: url(#g); font-family: sans-serif }</style>
  </defs>
  <rect class="a" width="120" height="40" rx="6" style="fill: url('#g')"/>
  <use href="#p" x="4"/><use xlink:href="#p" x="20"/>
  <text x="40" y="26" fill="#fff">Acme &amp; Co</text>
</svg>`;
    expect(validateLogo(utf8(svg))).toEqual({ kind: 'svg', contentType: 'image/svg+xml', ext: 'svg' });
  });

  it('accepts Inkscape metadata in other namespaces', () => {
    const svg = `<svg ${NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
      xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3">
      <sodipodi:namedview id="nv" pagecolor="#ffffff"/><circle cx="5" cy="5" r="4"/></svg>`;
    expect(validateLogo(utf8(svg)).kind).toBe('svg');
  });

  it.each([
    ['a GIF', new Uint8Array([...utf8('GIF89a'), 1, 0, 1, 0, 0, 0, 0])],
    ['text', utf8('hello, this is not an image')],
    ['HTML', utf8('<!doctype html><html><body><script>alert(1)</script></body></html>')],
    ['random bytes', new Uint8Array([0x00, 0x01, 0xfe, 0x42, 0x13])],
    ['invalid UTF-8 mentioning svg', new Uint8Array([...utf8('<svg '), 0xc3, 0x28, ...utf8('>')])],
  ])('rejects %s as not a PNG, JPEG or SVG', (_, bytes) => {
    expect(rejection(bytes)).toMatch(/PNG, JPEG or SVG/);
  });

  it('rejects an empty file and a damaged PNG', () => {
    expect(rejection(new Uint8Array())).toMatch(/empty/);
    expect(rejection(tinyPng().slice(0, 10))).toMatch(/damaged/);
  });

  it('names the 512 KB limit when a file is too large', () => {
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(tinyPng());
    expect(rejection(big)).toBe(
      'Invalid logo: the file (513 KB) is larger than the 512 KB limit; export a smaller image',
    );
    const atLimit = new Uint8Array(LOGO_MAX_BYTES);
    atLimit.set(tinyPng());
    expect(validateLogo(atLimit).kind).toBe('png');
  });
});

describe('validateLogo: unsafe SVGs are rejected with the reason', () => {
  it.each([
    ['a <script> element', `<svg ${NS}><script>alert(1)</script></svg>`, /<script> element/],
    ['an uppercase <SCRIPT>', `<svg ${NS}><SCRIPT>alert(1)</SCRIPT></svg>`, /<SCRIPT> element/],
    ['an onload handler', `<svg ${NS} onload="alert(1)"><rect/></svg>`, /event-handler attribute onload/],
    [
      'an onclick handler on a child',
      `<svg ${NS}><rect onClick="alert(1)"/></svg>`,
      /event-handler attribute onClick/,
    ],
    [
      'a javascript: link',
      `<svg ${NS}><a href="javascript:alert(1)"><rect/></a></svg>`,
      /javascript: URL in href/,
    ],
    [
      'an obfuscated javascript: xlink',
      `<svg ${NS} ${XLINK}><a xlink:href=" jav&#x09;ascript:alert(1)"><rect/></a></svg>`,
      /javascript: URL in xlink:href/,
    ],
    [
      'a data: image',
      `<svg ${NS}><image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/></svg>`,
      /data: URL in href/,
    ],
    [
      'an external image',
      `<svg ${NS}><image href="https://evil.example/x.png"/></svg>`,
      /external reference in href/,
    ],
    ['an external <use>', `<svg ${NS} ${XLINK}><use xlink:href="other.svg#x"/></svg>`, /external reference/],
    [
      'a <foreignObject>',
      `<svg ${NS}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>`,
      /<foreignObject> element/,
    ],
    ['an <iframe>', `<svg ${NS}><iframe src="https://evil.example"/></svg>`, /<iframe> element/],
    ['an <embed>', `<svg ${NS}><embed src="x.swf"/></svg>`, /<embed> element/],
    ['an <object>', `<svg ${NS}><object data="x.html"/></svg>`, /<object> element/],
    [
      'an XHTML element',
      `<svg ${NS}><h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/></svg>`,
      /HTML element <h:img>/,
    ],
    [
      'a DOCTYPE',
      `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ${NS}/>`,
      /<!DOCTYPE>/,
    ],
    [
      'an entity expansion (billion laughs)',
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg ${NS}><text>&b;</text></svg>`,
      /<!DOCTYPE>/,
    ],
    [
      'an XXE',
      `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${NS}><text>&x;</text></svg>`,
      /<!DOCTYPE>/,
    ],
    ['an undefined entity', `<svg ${NS}><text>&x;</text></svg>`, /not well-formed XML/],
    [
      'an xml-stylesheet',
      `<?xml-stylesheet href="https://evil.example/x.xsl"?><svg ${NS}/>`,
      /processing instruction/,
    ],
    ['a CSS @import', `<svg ${NS}><style>@import url(https://evil.example/x.css);</style></svg>`, /<style>/],
    [
      'an external CSS url() in <style>',
      `<svg ${NS}><style>rect{fill:url(https://evil.example/p.svg#a)}</style></svg>`,
      /url\(\) in <style>/,
    ],
    [
      'an external CSS url() in CDATA',
      `<svg ${NS}><style><![CDATA[rect{fill:url("//evil.example/a")}]]></style></svg>`,
      /url\(\)/,
    ],
    [
      'an external url() in a style attribute',
      `<svg ${NS}><rect style="filter:url(https://x/y#f)"/></svg>`,
      /url\(\) in style/,
    ],
    [
      'an external url() in a presentation attribute',
      `<svg ${NS}><rect fill="url(https://x/y#g)"/></svg>`,
      /url\(\) in fill/,
    ],
    [
      'a CSS image-set()',
      `<svg ${NS}><rect style="fill: -webkit-image-set('https://evil.example/a.png' 1x)"/></svg>`,
      /image\(\) in style/,
    ],
    [
      'a CSS escape spelling url(',
      `<svg ${NS}><style>rect{fill:\\75rl(https://x/y#a)}</style></svg>`,
      /CSS escapes/,
    ],
    [
      'an animation that rewrites href',
      `<svg ${NS}><a href="#x"><set attributeName="href" to="javascript:alert(1)"/><rect/></a></svg>`,
      /animates the href attribute/,
    ],
    ['a root that is not <svg>', `<html ${NS}><svg/></html>`, /root element/],
    ['an <svg> outside the SVG namespace', '<svg><rect/></svg>', /root element/],
    ['broken XML', `<svg ${NS}><rect></svg>`, /not well-formed XML/],
  ])('rejects an SVG with %s', (_, svg, reason) => {
    const message = rejection(utf8(svg));
    expect(message).toMatch(/^Invalid logo: the SVG /);
    expect(message).toMatch(reason);
  });

  it('says nothing about a safe SVG', () => {
    expect(unsafeSvgReason(`<svg ${NS}><path d="M0 0L10 10"/></svg>`)).toBeNull();
  });
});
