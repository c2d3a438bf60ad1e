/**
 * A structural check of JUnit XML as CI systems read it (the common "Jenkins/Ant" shape, no XSD):
 * testsuites > testsuite[name,tests,failures,errors,time] > testcase[name,classname,time] >
 * failure[message] | error[message] | skipped, with counts that add up. The XML is parsed by a small
 * strict parser (elements, attributes, text, entities) so an unescaped `<` or `&` fails too.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const decode = (s: string): string => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) fail('bare &');
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    );
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const skipSpace = (): void => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const name = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i))?.[0] ?? fail('expected a name');
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (xml[i] === '>') break;
      const attr = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i)) ?? fail('bad attribute');
      if (attr[1]! in attributes) fail('repeated attribute');
      attributes[attr[1]!] = decode(attr[2]!);
      i += attr[0].length;
    }
    i++;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${name}>`);
      text += decode(xml.slice(i, lt));
      i = lt;
      if (xml.startsWith(`</${name}>`, i)) {
        i += name.length + 3;
        return { name, attributes, children, text };
      }
      if (xml.startsWith('</', i)) fail(`mismatched close in <${name}>`);
      children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root');
  return root;
}

/** Problems found (empty when the document has the common JUnit structure). */
export function junitProblems(xml: string): string[] {
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [(error as Error).message];
  }
  const need = (el: XmlElement, names: string[], where: string): void => {
    for (const n of names) if (el.attributes[n] === undefined) problems.push(`${where}: no ${n} attribute`);
  };
  const count = (el: XmlElement, n: string, where: string): number => {
    const v = el.attributes[n];
    if (v !== undefined && !/^\d+$/.test(v)) problems.push(`${where}@${n}="${v}" is not a count`);
    return Number(v ?? 0);
  };
  const time = (el: XmlElement, where: string): void => {
    const v = el.attributes['time'];
    if (v !== undefined && !/^\d+(\.\d+)?$/.test(v)) problems.push(`${where}@time="${v}" is not seconds`);
  };
  if (root.name !== 'testsuites') problems.push(`root is <${root.name}>, not <testsuites>`);
  root.children.forEach((suite, s) => {
    const where = `testsuite[${s}]`;
    if (suite.name !== 'testsuite') return void problems.push(`<testsuites> holds <${suite.name}>`);
    need(suite, ['name', 'tests', 'failures', 'errors', 'time'], where);
    time(suite, where);
    const seen = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    suite.children.forEach((tc, t) => {
      const at = `${where}.testcase[${t}]`;
      if (tc.name !== 'testcase') return void problems.push(`${where} holds <${tc.name}>`);
      need(tc, ['name', 'classname', 'time'], at);
      time(tc, at);
      seen.tests++;
      if (tc.children.length > 1) problems.push(`${at}: more than one result element`);
      for (const result of tc.children) {
        if (result.name === 'failure' || result.name === 'error') {
          need(result, ['message'], `${at}.${result.name}`);
          seen[result.name === 'failure' ? 'failures' : 'errors']++;
        } else if (result.name === 'skipped') seen.skipped++;
        else problems.push(`${at} holds <${result.name}>`);
      }
    });
    for (const key of ['tests', 'failures', 'errors'] as const) if (count(suite, key, where) !== seen[key]) problems.push(`${where}@${key}=${suite.attributes[key]} but ${seen[key]} found`);
    if (suite.attributes['skipped'] !== undefined && count(suite, 'skipped', where) !== seen.skipped) problems.push(`${where}@skipped does not add up`);
  });
  return problems;
}
