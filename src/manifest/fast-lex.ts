/**
 * The lexer's fast path: the lexemes `yaml`'s Lexer gives, for manifests in
 * the common shape, from one pass over the text without generators (the Lexer
 * yields every lexeme through several generator frames, about a fifth of a
 * lint's time). `yaml`'s Parser still builds the syntax tree from them.
 *
 * It follows the Lexer's own states (stream, line start, block start,
 * document, flow, plain and quoted scalars) for block mappings and sequences,
 * one-line plain and quoted scalars, one-line flow sequences of scalars,
 * comments and `---`. Anything else — tabs, CR, a byte-order mark,
 * directives, `...`, anchors, tags, aliases, block scalars, explicit keys,
 * flow mappings, nested or multi-line flow collections, scalars running over
 * several lines — makes it give up (`null`), and the caller uses the Lexer.
 * Where it does not give up, its lexemes are the Lexer's, one for one: a
 * differential test holds it to that on every YAML text of the test suite,
 * generated inventories and random edits of them.
 */

/** The Lexer's control lexemes (`yaml`'s CST.DOCUMENT and CST.SCALAR). */
const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

/** Characters that make the fast path give up wherever they are. */
const UNSUPPORTED = /[\t\r\uFEFF]/;

const GIVE_UP: unique symbol = Symbol('give up');
const giveUp = (): never => {
  throw GIVE_UP;
};

/** The Lexer's `isEmpty` (without tab and CR, which never get here). */
const isEmpty = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\n';

const isFlowIndicator = (ch: string | undefined): boolean => ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}';

class FastLexer {
  readonly out: string[] = [];
  private pos = 0;
  private indentNext = 0;
  private indentValue = 0;
  /** Whether the last flow item was a quoted scalar or a collection (the Lexer's `flowKey`). */
  private flowKey = false;

  constructor(private readonly src: string) {}

  run(): void {
    const src = this.src;
    // Stream: empty and comment-only lines before the document.
    while (this.pos < src.length) {
      const lineEnd = this.lineEnd();
      let i = this.pos;
      while (src[i] === ' ') i++;
      if (i < lineEnd && src[i] !== '#') break;
      this.pushTo(i);
      this.pushTo(lineEnd);
      this.pushNewline();
    }
    if (this.pos >= src.length) return;
    if (src[this.pos] === '%') giveUp();
    this.out.push(DOCUMENT);
    this.lineStart();
    while (this.pos < src.length) this.lineStart();
  }

  /** Where the current line ends (its `\n`, or the end of the text). */
  private lineEnd(): number {
    const nl = this.src.indexOf('\n', this.pos);
    return nl === -1 ? this.src.length : nl;
  }

  private pushTo(end: number): number {
    const n = end - this.pos;
    if (n > 0) {
      this.out.push(this.src.slice(this.pos, end));
      this.pos = end;
    }
    return n;
  }

  private pushSpaces(): number {
    let i = this.pos;
    while (this.src[i] === ' ') i++;
    return this.pushTo(i);
  }

  private pushNewline(): number {
    if (this.src[this.pos] !== '\n') return 0;
    this.out.push('\n');
    this.pos++;
    return 1;
  }

  /** The Lexer's line-start and block-start states, then the rest of the line. */
  private lineStart(): void {
    const src = this.src;
    const ch = src[this.pos];
    if (ch === '-' || ch === '.') {
      const s = src.slice(this.pos, this.pos + 3);
      if ((s === '---' || s === '...') && isEmpty(src[this.pos + 3])) {
        if (s === '...') giveUp();
        this.pushTo(this.pos + 3);
        this.indentValue = 0;
        this.indentNext = 0;
        this.document();
        return;
      }
    }
    this.indentValue = this.pushSpaces();
    if (this.indentNext > this.indentValue && !isEmpty(src[this.pos + 1])) this.indentNext = this.indentValue;
    // Block start: sequence item indicators.
    for (;;) {
      const c0 = src[this.pos];
      if ((c0 === '-' || c0 === '?' || c0 === ':') && isEmpty(src[this.pos + 1])) {
        if (c0 !== '-') giveUp();
        this.pushTo(this.pos + 1);
        const n = 1 + this.pushSpaces();
        this.indentNext = this.indentValue + 1;
        this.indentValue += n;
        continue;
      }
      break;
    }
    this.document();
  }

  /** The Lexer's document state, to the end of the line. */
  private document(): void {
    const src = this.src;
    for (;;) {
      this.pushSpaces();
      this.indicators(false);
      const ch = src[this.pos];
      switch (ch) {
        case '#':
          this.pushTo(this.lineEnd());
          this.pushNewline();
          return;
        case undefined:
        case '\n':
          this.pushNewline();
          return;
        case '[':
          this.pushTo(this.pos + 1);
          this.flowKey = false;
          this.flow();
          continue;
        case '"':
        case "'":
          this.quoted();
          continue;
        case '{':
        case '}':
        case ']':
        case '*':
        case '|':
        case '>':
          return giveUp();
        default:
          this.plain(false);
          continue;
      }
    }
  }

  /** The Lexer's `pushIndicators`, for the `:` map value indicator only. */
  private indicators(inFlow: boolean): void {
    const src = this.src;
    for (;;) {
      const c0 = src[this.pos];
      if (c0 === '!' || c0 === '&') giveUp();
      if ((c0 === '-' || c0 === '?' || c0 === ':') && (isEmpty(src[this.pos + 1]) || (inFlow && isFlowIndicator(src[this.pos + 1])))) {
        if (c0 !== ':' || inFlow) giveUp();
        this.indentNext = this.indentValue + 1;
        this.pushTo(this.pos + 1);
        this.pushSpaces();
        continue;
      }
      return;
    }
  }

  /** A flow sequence of scalars on one line, after its `[`. */
  private flow(): void {
    const src = this.src;
    for (;;) {
      this.pushSpaces();
      while (src[this.pos] === ',') {
        this.pushTo(this.pos + 1);
        this.pushSpaces();
        this.flowKey = false;
      }
      this.indicators(true);
      const ch = src[this.pos];
      switch (ch) {
        case ']':
          this.pushTo(this.pos + 1);
          this.flowKey = true;
          return;
        case '"':
        case "'":
          this.flowKey = true;
          this.quoted();
          continue;
        case ':': {
          const next = src[this.pos + 1];
          if (this.flowKey || isEmpty(next) || next === ',') giveUp();
          this.flowKey = false;
          this.plain(true);
          continue;
        }
        case undefined:
        case '\n':
        case '#':
        case '[':
        case '{':
        case '}':
        case '*':
          return giveUp();
        default:
          this.flowKey = false;
          this.plain(true);
          continue;
      }
    }
  }

  /** A quoted scalar on one line. */
  private quoted(): void {
    const src = this.src;
    const quote = src[this.pos]!;
    let end = src.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (end !== -1 && src[end + 1] === "'") end = src.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let n = 0;
        while (src[end - 1 - n] === '\\') n++;
        if (n % 2 === 0) break;
        end = src.indexOf('"', end + 1);
      }
    }
    if (end === -1 || src.lastIndexOf('\n', end) >= this.pos) giveUp();
    this.pushTo(end + 1);
  }

  /** A plain scalar that ends on its line (one that goes on over more lines: give up). */
  private plain(inFlow: boolean): void {
    const src = this.src;
    let end = this.pos - 1;
    let i = this.pos - 1;
    for (;;) {
      const ch = src[++i];
      if (ch === undefined) break;
      if (ch === ':') {
        const next = src[i + 1];
        if (isEmpty(next) || (inFlow && isFlowIndicator(next))) break;
        end = i;
      } else if (ch === ' ' || ch === '\n') {
        const next = src[i + 1];
        if (next === '#' || (inFlow && isFlowIndicator(next))) break;
        if (ch === '\n') {
          if (inFlow || !this.endsHere(i + 1)) giveUp();
          break;
        }
      } else {
        if (inFlow && isFlowIndicator(ch)) break;
        end = i;
      }
    }
    this.out.push(SCALAR);
    if (this.pushTo(end + 1) === 0) this.out.push(''); // as the Lexer does for an empty one
  }

  /**
   * Whether a plain scalar whose line ends before `at` ends there for the
   * Lexer: no later line continues it (the Lexer's `continueScalar`, with
   * what follows a line of spaces or a comment line).
   */
  private endsHere(at: number): boolean {
    const src = this.src;
    if (this.indentNext === 0) return false;
    for (let line = at; ; ) {
      let indent = 0;
      while (src[line + indent] === ' ') indent++;
      const ch = src[line + indent];
      if (ch === '\n') {
        line += indent + 1; // a line of spaces: the next one decides
        if (src[line] === '#') return true;
        continue;
      }
      // A comment ends the scalar; so does a line indented less; content indented as much continues it.
      if (ch === undefined || ch === '#' || indent < this.indentNext) return true;
      return false;
    }
  }
}

/** The lexemes of `text`, as `yaml`'s Lexer gives them, or `null` when the text is outside the fast path. */
export function fastLex(text: string): string[] | null {
  if (UNSUPPORTED.test(text)) return null;
  const lexer = new FastLexer(text);
  try {
    lexer.run();
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
  return lexer.out;
}
