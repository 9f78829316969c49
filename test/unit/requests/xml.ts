// A small, strict XML reader for checking reports the tests produce: elements, attributes, text
// and the five entities plus character references. It throws on anything not well-formed.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 30))}`);
  };
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>') + 2;
    if (i < 2) fail('declaration never ends');
  }
  const space = (): void => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const name = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i))?.[0] ?? fail('expected a name');
    i += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      space();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i)) ?? fail('bad attribute');
      if (attr[1]! in el.attributes) fail('attribute given twice');
      el.attributes[attr[1]!] = unescape(attr[2]!);
      i += attr[0].length;
    }
    for (;;) {
      if (xml.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i)) fail(`expected ${close}`);
        i += close.length;
        return el;
      }
      if (xml[i] === '<') el.children.push(element());
      else {
        const end = xml.indexOf('<', i);
        if (end < 0) fail('text never ends');
        const raw = xml.slice(i, end);
        if (/&(?!(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);)/.test(raw) || raw.includes('>')) fail('unescaped markup in text');
        el.text += unescape(raw);
        i = end;
      }
    }
  };
  space();
  const root = element();
  space();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
