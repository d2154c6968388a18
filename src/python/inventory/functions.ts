import type { Node } from 'web-tree-sitter';
import { outgoingCalls } from '../facts/flow.js';
import type { BodyFacts, FunctionInfo, LineRange } from '../../types.js';
import { findBodyNodes } from '../tree/body-nodes.js';
import { bindNames } from '../facts/name-bindings.js';
import { readFlow } from '../facts/read-flow.js';
import { collectSessionFacts } from '../facts/session-facts.js';
import { bodyLayout } from '../tree/body-layout.js';
import { findDocstring } from '../literals/find-docstring.js';
import type { SourceLines } from '../source/source-lines.js';
import type { Statement } from '../tree/statements.js';
import { isStubDecorator } from './stub.js';
import { commentOnRow, parseSuppression } from '../literals/suppression.js';

/** What the inventory needs besides the tree. */
export interface InventoryInput {
  source: string;
  lines: SourceLines;
  /** A literal `__all__`, when it restricts which top-level names are public. */
  publicNames: ReadonlySet<string> | null;
  needsFacts: (span: LineRange, qualifiedName: string) => boolean;
}

const NO_FACTS: BodyFacts = Object.freeze({});

/**
 * Every `def` / `async def` whose enclosing scopes are only the module and class bodies (docs/rules.md),
 * in source order: a nested function is part of its parent's body.
 */
export function collectFunctions(statements: readonly Statement[], input: InventoryInput): FunctionInfo[] {
  const functions: FunctionInfo[] = [];
  const nodes: Node[] = [];
  for (const { node, type, classPath, decorated } of statements) {
    if (type !== 'function_definition') continue;
    const info = describeFunction(node, decorated, classPath, input);
    if (info) {
      functions.push(info);
      nodes.push(node);
    }
  }
  return readSameModuleCallees(functions, nodes, input.source);
}

/**
 * The functions of this module that the ones with facts call (`_impl(…)`, `self._save(…)`, `Orders.load(…)`),
 * to any depth, get their facts too while the tree is at hand: the suggestion follows those calls.
 */
function readSameModuleCallees(functions: FunctionInfo[], nodes: readonly Node[], source: string): FunctionInfo[] {
  const byName = new Map<string, number[]>();
  functions.forEach((fn, i) => {
    for (const name of new Set([fn.qualifiedName, fn.name])) byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  const pending = functions.filter((fn) => fn.facts.flow);
  for (let fn = pending.pop(); fn !== undefined; fn = pending.pop()) {
    for (const callee of localCallees(fn)) {
      for (const i of byName.get(callee) ?? []) {
        const target = functions[i] as FunctionInfo;
        if (target.facts.flow) continue;
        functions[i] = { ...target, facts: readFacts(nodes[i] as Node, source) };
        pending.push(functions[i] as FunctionInfo);
      }
    }
  }
  return functions;
}

/** `helper` for `helper(…)`, `Klass.save` for `self.save(…)`, `Klass.load` for `Klass.load(…)`. */
function localCallees(fn: FunctionInfo): Set<string> {
  const names = new Set<string>();
  const owner = fn.qualifiedName.split('.').slice(0, -1).join('.');
  for (const call of outgoingCalls(fn.facts.flow)) {
    const [first, second, ...rest] = call.callee.split('.');
    if (first === undefined || rest.length > 0) continue;
    if (second === undefined) names.add(first);
    else if ((first === 'self' || first === 'cls') && owner !== '') names.add(`${owner}.${second}`);
    else names.add(`${first}.${second}`);
  }
  return names;
}

function describeFunction(fn: Node, wrapper: Node | null, classPath: readonly string[], { source, lines, publicNames, needsFacts }: InventoryInput): FunctionInfo | null {
  const nameNode = fn.childForFieldName('name');
  // A `def` recovered from a syntax error may have lost its name.
  if (!nameNode || nameNode.isMissing || nameNode.text === '') return null;
  // Python reads identifiers in NFKC form (PEP 3131): `ﬁnd_user` defines `find_user`.
  const name = nameNode.text.normalize('NFKC');
  const decorators = wrapper ? wrapper.namedChildren.filter((child) => child.type === 'decorator') : [];
  const defRow = fn.startPosition.row;
  const body = bodyLayout(fn, lines);
  const comment = commentOnRow(fn, lines, defRow);
  const span = { start: (wrapper ?? fn).startPosition.row + 1, end: body.lastLine };
  const qualifiedName = [...classPath, name].join('.');
  // The signature's own `:` (annotation colons sit inside the parameters node).
  const headerEnd = (fn.children.find((child) => child.type === ':') ?? fn).startPosition.row + 1;
  return {
    name,
    qualifiedName,
    isPublic: isPublic(name, classPath, publicNames),
    isStub: decorators.some(isStubDecorator),
    isAsync: fn.firstChild?.type === 'async',
    span,
    defLine: defRow + 1,
    nameColumn: lines.characterColumn(nameNode.startPosition.row, nameNode.startPosition.column),
    bodyIndent: body.indent,
    headerEnd,
    bodyStart: body.first ? body.first.startPosition.row + 1 : headerEnd + 1,
    docstring: findDocstring(body.first, lines, body.indent),
    suppressed: comment === undefined ? [] : parseSuppression(comment),
    facts: needsFacts(span, qualifiedName) ? readFacts(fn, source) : NO_FACTS,
  };
}

/** The function's facts, from one search of its body and one scope model: its flow and its sessions. */
function readFacts(fn: Node, source: string): BodyFacts {
  const nodes = findBodyNodes(fn, source);
  const names = bindNames(nodes.root, nodes.others, nodes.code);
  return { flow: readFlow(fn, nodes, names), session: collectSessionFacts(source, nodes, names) };
}

/**
 * docs/rules.md: no leading underscore on the name or any enclosing class (so dunders are private), and, when a
 * literal `__all__` exists, the top-level name (the function, or the outermost class of a method) is listed in it.
 */
function isPublic(name: string, classPath: readonly string[], publicNames: ReadonlySet<string> | null): boolean {
  if (name.startsWith('_') || classPath.some((className) => className.startsWith('_'))) return false;
  return publicNames === null || publicNames.has(classPath[0] ?? name);
}
