/**
 * One differential case: a module committed at HEAD, the edits staged on top
 * of it, and how the file reaches the index. `buildCase` turns the generated
 * spec into the exact bytes for HEAD, the index and the working tree.
 */
import fc from 'fast-check';
import { applyEdit, type Edit, editArb } from './edits.js';
import { moduleArb } from './generate.js';
import { type Module, renderModule } from './model.js';

/** Line-level edits on the rendered staged text, beyond what the model can express. */
export interface RawEdit {
  kind: 'comment' | 'blank' | 'whitespace-line' | 'trailing-space' | 'delete-blank' | 'crlf-line' | 'form-feed';
  at: number;
  indent: number;
}

export interface CaseSpec {
  module: Module;
  edits: Edit[];
  rawEdits: RawEdit[];
  /**
   * `modify` in place; `rename` (git mv, edits included); `copy` (the edited
   * module under a new path, the source kept and touched at its end so that
   * `-C` pairs them); `new` (no HEAD version); `chmod` (edited and made
   * executable); `typechange` (a symlink at HEAD, now the module).
   */
  fileMode: 'modify' | 'rename' | 'rename-only' | 'copy' | 'new' | 'chmod' | 'typechange';
  /** The working tree after `git add`: identical, back to HEAD, or edited further. */
  partial: 'none' | 'revert' | 'extra';
  extra: Edit;
  /** `latin1` and `cp1252` get a coding cookie (`cp1252` on line 2, after a shebang). */
  encoding: 'utf8' | 'bom' | 'latin1' | 'cp1252';
  lineEnding: 'lf' | 'crlf' | 'crlf-staged';
  pathStyle: 'plain' | 'space' | 'unicode' | 'nested';
}

function weighted<T>(...entries: [number, T][]): fc.Arbitrary<T> {
  return fc.oneof(...entries.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
}

const rawEditArb: fc.Arbitrary<RawEdit> = fc.record({
  kind: weighted<RawEdit['kind']>([3, 'comment'], [3, 'blank'], [1, 'whitespace-line'], [2, 'trailing-space'], [2, 'delete-blank'], [1, 'crlf-line'], [1, 'form-feed']),
  at: fc.nat(),
  indent: fc.nat({ max: 4 }),
});

export const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  module: moduleArb,
  edits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
  rawEdits: fc.oneof({ weight: 4, arbitrary: fc.constant<RawEdit[]>([]) }, { weight: 1, arbitrary: fc.array(rawEditArb, { minLength: 1, maxLength: 2 }) }),
  fileMode: weighted<CaseSpec['fileMode']>([20, 'modify'], [3, 'rename'], [1, 'rename-only'], [1, 'copy'], [2, 'new'], [1, 'chmod'], [1, 'typechange']),
  partial: weighted<CaseSpec['partial']>([8, 'none'], [1, 'revert'], [2, 'extra']),
  extra: editArb,
  encoding: weighted<CaseSpec['encoding']>([30, 'utf8'], [1, 'bom'], [1, 'latin1'], [1, 'cp1252']),
  lineEnding: weighted<CaseSpec['lineEnding']>([40, 'lf'], [1, 'crlf'], [1, 'crlf-staged']),
  pathStyle: weighted<CaseSpec['pathStyle']>([20, 'plain'], [1, 'space'], [1, 'unicode'], [2, 'nested']),
});

export interface BuiltCase {
  /** HEAD path, or null when the file is new. */
  headPath: string | null;
  stagedPath: string;
  head: string | null;
  staged: string;
  /** Working-tree text when it differs from the index (partial staging). */
  work: string | null;
  /** `typechange` mode: HEAD has a symlink to this target at `headPath` (and `head` is null). */
  headSymlink: string | null;
  /** `chmod` mode: the staged file is executable. */
  executable: boolean;
  /** `copy` mode: the staged text of the copy source, which stays at `headPath`. */
  kept: string | null;
  keptBytes: Buffer | null;
  headBytes: Buffer | null;
  stagedBytes: Buffer;
  workBytes: Buffer | null;
}

function applyRawEdit(text: string, edit: RawEdit, unit: string): string {
  const lines = text.split('\n');
  const body = lines.slice(0, -1); // the text ends with a newline
  const indent = unit.repeat(edit.indent % 3) + (edit.indent === 4 ? ' ' : '');
  const pos = edit.at % (body.length + 1);
  switch (edit.kind) {
    case 'comment':
      body.splice(pos, 0, `${indent}# inserted`);
      break;
    case 'blank':
      body.splice(pos, 0, '');
      break;
    case 'whitespace-line':
      body.splice(pos, 0, indent === '' ? ' ' : indent);
      break;
    case 'trailing-space':
      if (body.length > 0) {
        const i = edit.at % body.length;
        body[i] = `${body[i]}  `;
      }
      break;
    case 'form-feed':
      // A page break (^L) line, as in old GNU-style sources: blank to Python.
      body.splice(pos, 0, '\f');
      break;
    case 'crlf-line':
      // One line ending becomes CRLF: Python reads it as a newline, git as content.
      if (body.length > 0) {
        const i = edit.at % body.length;
        body[i] = `${body[i]}\r`;
      }
      break;
    case 'delete-blank': {
      for (let k = 0; k < body.length; k++) {
        const i = (pos + k) % body.length;
        if (body[i]?.trim() === '') {
          body.splice(i, 1);
          break;
        }
      }
      break;
    }
  }
  return `${body.join('\n')}\n`;
}

/** The characters where Windows-1252 differs from Latin-1 (that the vocabulary uses). */
const CP1252: Readonly<Record<string, number>> = { '\u20ac': 0x80, '\u2014': 0x97, '\u2013': 0x96, '\u2019': 0x92 };

function encodable(text: string, encoding: CaseSpec['encoding']): boolean {
  if (encoding === 'latin1') return [...text].every((ch) => ch <= '\u00ff');
  if (encoding === 'cp1252') return [...text].every((ch) => ch in CP1252 || (ch <= '\u00ff' && !(ch >= '\u0080' && ch <= '\u009f')));
  return true;
}

function encode(text: string, spec: CaseSpec, crlf: boolean): Buffer {
  const withEndings = crlf ? text.replaceAll('\n', '\r\n') : text;
  if (spec.encoding === 'latin1') return Buffer.from(withEndings, 'latin1');
  if (spec.encoding === 'cp1252') return Buffer.from([...withEndings].map((ch) => CP1252[ch] ?? (ch.codePointAt(0) as number)));
  if (spec.encoding === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withEndings, 'utf8')]);
  return Buffer.from(withEndings, 'utf8');
}

function paths(spec: CaseSpec, id: string): { head: string; staged: string } {
  const base = spec.pathStyle === 'space' ? `svc/case ${id}.py` : spec.pathStyle === 'unicode' ? `svc/cäse_${id}.py` : spec.pathStyle === 'nested' ? `svc/pkg_${id}/orders.py` : `svc/case_${id}.py`;
  const renamed = spec.fileMode === 'rename' || spec.fileMode === 'rename-only' || spec.fileMode === 'copy';
  return { head: base, staged: renamed ? base.replace(/^svc\//, 'svc/moved/').replace(/\.py$/, '_renamed.py') : base };
}

/** The HEAD, index and working-tree contents of a case; `id` makes its paths unique in a batch. */
export function buildCase(spec: CaseSpec, id: string): BuiltCase {
  const headModule = renderModule(spec.module);
  const edited = structuredClone(spec.module);
  if (spec.fileMode !== 'rename-only') for (const edit of spec.edits) applyEdit(edited, edit);
  let stagedModule = renderModule(edited);
  for (const raw of spec.rawEdits) {
    // In a CRLF file a CR before the CRLF would be a lone CR: a newline to Python, not to git (a documented limit of the reference).
    if (raw.kind !== 'crlf-line' || spec.lineEnding === 'lf') stagedModule = applyRawEdit(stagedModule, raw, spec.module.indent);
  }
  let workModule: string | null = null;
  if (spec.partial === 'revert') workModule = headModule;
  else if (spec.partial === 'extra') {
    const further = structuredClone(edited);
    applyEdit(further, spec.extra);
    workModule = renderModule(further);
  }
  if (workModule === stagedModule) workModule = null;
  // A single-byte codec cannot encode every generated name: such modules stay UTF-8 (and get no cookie).
  const singleByte = (spec.encoding === 'latin1' || spec.encoding === 'cp1252') && [headModule, stagedModule, workModule ?? ''].every((t) => encodable(t, spec.encoding));
  const effective: CaseSpec = spec.encoding !== 'latin1' && spec.encoding !== 'cp1252' ? spec : singleByte ? spec : { ...spec, encoding: 'utf8' };
  const cookie = (text: string): string =>
    !singleByte ? text : spec.encoding === 'latin1' ? `# -*- coding: latin-1 -*-\n${text}` : `#!/usr/bin/env python3\n# vim: set fileencoding=cp1252 :\n${text}`;
  const headText = cookie(headModule);
  const stagedText = cookie(stagedModule);
  const workText = workModule === null ? null : cookie(workModule);
  const { head, staged } = paths(spec, id);
  const hasHead = spec.fileMode !== 'new' && spec.fileMode !== 'typechange';
  const stagedCrlf = spec.lineEnding !== 'lf';
  const kept = spec.fileMode === 'copy' ? `${headText}# touched so that git -C may use it as a copy source\n` : null;
  return {
    headPath: hasHead || spec.fileMode === 'typechange' ? head : null,
    headSymlink: spec.fileMode === 'typechange' ? 'shared/base.py' : null,
    executable: spec.fileMode === 'chmod',
    stagedPath: staged,
    head: hasHead ? headText : null,
    staged: stagedText,
    work: workText,
    kept,
    keptBytes: kept === null ? null : encode(kept, effective, spec.lineEnding === 'crlf'),
    headBytes: hasHead ? encode(headText, effective, spec.lineEnding === 'crlf') : null,
    stagedBytes: encode(stagedText, effective, stagedCrlf),
    workBytes: workText === null ? null : encode(workText, effective, stagedCrlf),
  };
}
