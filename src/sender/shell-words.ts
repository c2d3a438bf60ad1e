/**
 * Splits a POSIX shell command line into words the way bash would for a pasted `curl …` command:
 * '…' literal, "…" with \ escaping only $ ` " \ and newline, $'…' ANSI-C escapes (\n, \xHH,
 * \NNN, \uXXXX…), backslash escapes and line continuations outside quotes, `#` comments.
 * A `|` or `;` outside quotes starts a new command; each command's words come back separately.
 * Throws on an unterminated quote.
 */
export function shellWords(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | null = null;
  const push = (text: string): void => {
    word = (word ?? '') + text;
  };
  const endWord = (): void => {
    if (word !== null) commands[commands.length - 1]!.push(word);
    word = null;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && line[i + 2] === '\n') i += 3;
      else {
        if (next !== undefined) push(next);
        i += 2;
      }
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      push(line.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '$`"\\\n'.includes(line[j + 1] ?? '')) {
          if (line[j + 1] !== '\n') text += line[j + 1];
          j++;
        } else text += line[j];
      }
      if (j >= line.length) throw new Error('unterminated double quote');
      push(text);
      i = j + 1;
    } else if (c === '$' && line[i + 1] === "'") {
      // $'…' escapes produce bytes (\xHH), decoded as UTF-8 at the end of the quote.
      const bytes: number[] = [];
      let j = i + 2;
      for (; j < line.length && line[j] !== "'"; j++) j = ansiEscape(line, j, bytes);
      if (j >= line.length) throw new Error("unterminated $'…' quote");
      push(Buffer.from(bytes).toString('utf8'));
      i = j + 1;
    } else if (c === '|' || c === ';') {
      endWord();
      commands.push([]);
      i++;
    } else if (c === '#' && word === null) {
      const end = line.indexOf('\n', i);
      i = end < 0 ? line.length : end;
    } else if (/\s/.test(c)) {
      endWord();
      i++;
    } else {
      push(c);
      i++;
    }
  }
  endWord();
  return commands.filter((words) => words.length > 0);
}

const simpleEscapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, e: 27, E: 27, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };

/** Reads one character or escape of a $'…' string into bytes; returns the index of its last char. */
function ansiEscape(line: string, at: number, bytes: number[]): number {
  const c = line[at]!;
  if (c !== '\\') {
    bytes.push(...Buffer.from(c, 'utf8'));
    return at;
  }
  const e = line[at + 1] ?? '';
  if (e in simpleEscapes) {
    bytes.push(simpleEscapes[e]!);
    return at + 1;
  }
  if (e === 'x') {
    const hex = /^[0-9A-Fa-f]{1,2}/.exec(line.slice(at + 2))?.[0] ?? '';
    if (hex) bytes.push(Number.parseInt(hex, 16));
    return at + 1 + hex.length;
  }
  if (e === 'u' || e === 'U') {
    const hex = new RegExp(`^[0-9A-Fa-f]{1,${e === 'u' ? 4 : 8}}`).exec(line.slice(at + 2))?.[0] ?? '';
    if (hex) bytes.push(...Buffer.from(String.fromCodePoint(Number.parseInt(hex, 16)), 'utf8'));
    return at + 1 + hex.length;
  }
  const octal = /^[0-7]{1,3}/.exec(line.slice(at + 1))?.[0];
  if (octal) {
    bytes.push(Number.parseInt(octal, 8) & 0xff);
    return at + octal.length;
  }
  bytes.push(92, ...Buffer.from(e, 'utf8'));
  return at + 1;
}
