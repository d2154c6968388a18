/**
 * Damage for the no-false-green property: a syntax error Python reports, or
 * bytes txboundary cannot decode, put into a generated case either on a
 * staged line (`near`: in the staged version only, so the change holds it)
 * or in both versions, away from where the edits usually land (`far`).
 * Only UTF-8 cases with LF line endings are damaged; the others pass through.
 */
import fc from 'fast-check';
import type { BuiltCase } from './case.js';

export interface Damage {
  kind:
    | 'no-colon'
    | 'unclosed-bracket'
    | 'unterminated-string'
    | 'stray-indent'
    | 'dedent-mismatch'
    | 'tab-error'
    | 'return-outside'
    | 'break-outside'
    | 'bad-expression'
    | 'default-order'
    | 'invalid-utf8'
    | 'nul'
    | 'cp850-cookie';
  place: 'near' | 'far';
  /** Picks which line, among those that fit. */
  at: number;
}

export const damageArb: fc.Arbitrary<Damage> = fc.record({
  kind: fc.constantFrom<Damage['kind']>(
    'no-colon',
    'unclosed-bracket',
    'unterminated-string',
    'stray-indent',
    'dedent-mismatch',
    'tab-error',
    'return-outside',
    'break-outside',
    'bad-expression',
    'default-order',
    'invalid-utf8',
    'nul',
    'cp850-cookie',
  ),
  place: fc.constantFrom<Damage['place']>('near', 'far'),
  at: fc.nat(),
});

/** `text` damaged as `damage` says, or null when it has no line the damage fits. */
function damageText(text: string, damage: Damage): string | null {
  const lines = text.split('\n');
  const pick = (rows: number[]): number | null => (rows.length === 0 ? null : (rows[damage.at % rows.length] as number));
  const rows = (test: (line: string) => boolean) => lines.flatMap((line, i) => (test(line) ? [i] : []));
  // Far: the top of the module (after any cookie or shebang comments), where edits rarely land; near: anywhere.
  const top = lines.findIndex((line) => line !== '' && !line.startsWith('#'));
  const insertAt = (line: string): string | null => {
    const row = damage.place === 'far' ? Math.max(0, top) : pick(rows((l) => /^(?:@|def |async def |class )/.test(l)));
    if (row === null) return null;
    lines.splice(row, 0, line);
    return lines.join('\n');
  };
  switch (damage.kind) {
    case 'no-colon': {
      const candidates = rows((l) => /^\s*(?:def|class|if|for|while|with)\b.*:\s*$/.test(l) && !l.includes('#'));
      const row = damage.place === 'far' ? (candidates[0] ?? null) : pick(candidates);
      if (row === null) return null;
      lines[row] = (lines[row] as string).replace(/:\s*$/, '');
      return lines.join('\n');
    }
    case 'unclosed-bracket':
      return insertAt('_pending = (1,');
    case 'unterminated-string':
      return insertAt('_note = """never closed');
    case 'stray-indent': {
      // Between a decorator, or a complete def line, and what follows it (not inside a bracket).
      const row = pick(rows((l) => /^\s*@[\w.]+(?:\(.*\))?\s*$/.test(l) || /^\s*(?:async\s+)?def\b.*\)\s*(?:->.*)?:\s*(?:#.*)?$/.test(l)));
      if (row === null) return null;
      lines.splice(row + 1, 0, ' x = 1');
      return lines.join('\n');
    }
    case 'dedent-mismatch': {
      const row = pick(rows((l) => /^( {8,})\S/.test(l) && !l.trimStart().startsWith('"') && !l.trimStart().startsWith("'")));
      if (row === null) return null;
      lines.splice(row + 1, 0, `${' '.repeat(6)}pass`);
      return lines.join('\n');
    }
    case 'tab-error': {
      const row = pick(rows((l) => /^ {8}\S/.test(l) && !/^ {8}["')\]}]/.test(l)));
      if (row === null) return null;
      lines[row] = `\t${(lines[row] as string).slice(8)}`;
      return lines.join('\n');
    }
    case 'return-outside':
      return insertAt('return None');
    case 'break-outside':
      return insertAt('break');
    case 'bad-expression':
      return insertAt('_total = = 1');
    case 'default-order': {
      // A first parameter with a default: the next one without is an error (when there is one).
      const candidates = rows((l) => /^\s*(?:async\s+)?def\s+\w+\(\s*[A-Za-z_]/.test(l));
      const row = damage.place === 'far' ? (candidates[0] ?? null) : pick(candidates);
      if (row === null) return null;
      lines[row] = (lines[row] as string).replace(/\(/, '(_first=1, ');
      return lines.join('\n');
    }
    default:
      return null;
  }
}

/** The bytes of `text`, with the byte-level damages applied. */
function damageBytes(text: string, damage: Damage): Buffer | null {
  const lines = text.split('\n');
  const row = damage.place === 'far' ? 0 : damage.at % Math.max(1, lines.length - 1);
  const comment = (bytes: number[]) => {
    const before = Buffer.from(`${lines.slice(0, row).join('\n')}${row > 0 ? '\n' : ''}# note `);
    return Buffer.concat([before, Buffer.from(bytes), Buffer.from(`\n${lines.slice(row).join('\n')}`)]);
  };
  switch (damage.kind) {
    case 'invalid-utf8':
      return comment([0xff]);
    case 'nul':
      return comment([0x00]);
    case 'cp850-cookie':
      return Buffer.concat([Buffer.from('# -*- coding: cp850 -*-\n# caf'), Buffer.from([0x82]), Buffer.from(`\n${text}`)]);
    default: {
      const damaged = damageText(text, damage);
      return damaged === null ? null : Buffer.from(damaged, 'utf8');
    }
  }
}

/**
 * The case with `damage` applied: near damages only the staged version (and
 * the working tree keeps the staged text), far damages the HEAD version too.
 * Null when the case is not UTF-8 with LF endings, or has no line to damage.
 */
export function damageCase(built: BuiltCase, damage: Damage): BuiltCase | null {
  const plain = (bytes: Buffer | null) => bytes === null || (!bytes.includes(0x0d) && bytes.equals(Buffer.from(bytes.toString('utf8'), 'utf8')) && bytes[0] !== 0xef);
  if (![built.headBytes, built.stagedBytes, built.workBytes, built.keptBytes].every(plain) || built.staged.includes('coding')) return null;
  const staged = damageBytes(built.staged, damage);
  if (staged === null) return null;
  if (damage.place === 'near') return { ...built, stagedBytes: staged, workBytes: null };
  if (built.head === null || built.headBytes === null) return { ...built, stagedBytes: staged, workBytes: null };
  const head = damageBytes(built.head, damage);
  if (head === null) return null;
  return { ...built, headBytes: head, stagedBytes: staged, workBytes: null };
}
