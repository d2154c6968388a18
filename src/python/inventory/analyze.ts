import type { Node } from 'web-tree-sitter';
import type { AnalyzeOptions, ModuleInfo, SyntaxIssue } from '../../types.js';
import { overlaps } from '../../changes.js';
import { collectFunctions } from './functions.js';
import { parsePython } from '../tree/parse-python.js';
import { loadParser } from '../tree/parser.js';
import { readPublicNames } from './public-names.js';
import { collectSignatures } from './signatures.js';
import { SourceLines } from '../source/source-lines.js';
import { collectPythonOnlyErrors } from '../tree/python-only-errors.js';
import { collectSyntaxErrors } from '../tree/syntax-errors.js';
import { moduleStatements } from '../tree/statements.js';

/**
 * Python source in, plain data out; synchronous once the parser is loaded.
 * `parserId` names the parser that reads the source (see `LoadedParser`).
 */
export type Analyzer = ((source: string, options: AnalyzeOptions) => ModuleInfo) & { parserId?: string };

/** Load the Python parser (once per process) and return the analyzer; nothing tree-sitter-shaped leaves it. */
export async function loadAnalyzer(): Promise<Analyzer> {
  const { parser, id } = await loadParser();
  const analyze: Analyzer = (source, options) => {
    const tree = parsePython(parser, source);
    // Trees live in WebAssembly memory, which no GC reclaims: without delete() a run over many files keeps growing.
    try {
      const root = tree.rootNode;
      const lines = new SourceLines(source);
      const statements = moduleStatements(root);
      const publicNames = options.respectAll ? readPublicNames(statements) : null;
      const needsFacts = options.needsFacts ?? (() => true);
      const functions = collectFunctions(statements, { source, lines, publicNames, needsFacts });
      // Same-module callees of TXB005: only read when a checked body calls out while holding a session.
      const needsOutline = options.outline === true || functions.some((fn) => needsFacts(fn.span, fn.qualifiedName) && (fn.facts.session?.calls.length ?? 0) > 0);
      return {
        functions,
        syntaxErrors: allSyntaxErrors(root, lines),
        ...(needsOutline ? { outline: collectSignatures(statements, source) } : {}),
      };
    } finally {
      tree.delete();
    }
  };
  analyze.parserId = id;
  return analyze;
}

/**
 * Tree-sitter's errors, and those Python reports that tree-sitter lets through where tree-sitter saw none
 * (in its recovery the statements around an error are unreliable anyway).
 */
function allSyntaxErrors(root: Node, lines: SourceLines): SyntaxIssue[] {
  const recovered = collectSyntaxErrors(root, lines);
  const pythonOnly = collectPythonOnlyErrors(root, lines).filter((issue) => !recovered.some((other) => overlaps(other.range, issue.range)));
  return [...recovered, ...pythonOnly].sort((a, b) => a.line - b.line);
}
