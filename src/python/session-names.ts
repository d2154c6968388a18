import type { SyntaxNode } from './syntax-node.js';
import type { Binding } from '../session-types.js';
import type { TypedNode } from './body-nodes.js';
import type { CodeText } from './code-text.js';
import { sessionParameterOf } from './parameters.js';
import { importBindings } from './signatures.js';

/** What a function body binds, function-wide (Python's scoping is function-wide too). */
export interface SessionNames {
  /** Names bound inside the body: calls through them never reach a module-level function. */
  local: Set<string>;
  /** Names that hold a session: session parameters and `with …session… as s` targets. */
  sessions: Set<string>;
  imports: Record<string, Binding>;
}

/**
 * Record what the nodes of a body bind: locals, session variables,
 * function-level imports (the last import of a name wins). `fn`'s own name
 * is not a local of its body; its parameters are. Nodes of other types are skipped.
 */
export function bindSessionNames(fn: SyntaxNode, nodes: readonly TypedNode[], code: CodeText): SessionNames {
  const names: SessionNames = { local: new Set(), sessions: new Set(), imports: Object.create(null) };
  for (const { node, type } of nodes) bindNode(node, type, node.id === fn.id, names, code);
  return names;
}

function bindNode(node: SyntaxNode, type: string, isRoot: boolean, names: SessionNames, code: CodeText): void {
  switch (type) {
    case 'function_definition':
    case 'lambda': {
      if (!isRoot && type === 'function_definition') addName(node.childForFieldName('name'), names.local);
      const parameter = sessionParameterOf(node, code.source);
      if (parameter) names.sessions.add(parameter.name);
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) addTargets(param, names.local);
      return;
    }
    case 'class_definition':
      addName(node.childForFieldName('name'), names.local);
      return;
    case 'import_statement':
    case 'import_from_statement':
      for (const [name, binding] of importBindings(node)) names.imports[name] = binding;
      return;
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      addTargets(node.childForFieldName('left'), names.local);
      return;
    case 'named_expression':
      addName(node.childForFieldName('name'), names.local);
      return;
    case 'as_pattern': {
      const alias = node.childForFieldName('alias');
      addTargets(alias, names.local);
      const target = alias?.firstNamedChild;
      const context = node.firstNamedChild;
      const maker = context?.type === 'call' ? context.childForFieldName('function') : context;
      if (target?.type === 'identifier' && maker && /session/i.test(code.of(maker))) names.sessions.add(target.text);
      return;
    }
    default:
  }
}

function addName(node: SyntaxNode | null, into: Set<string>): void {
  if (node?.type === 'identifier') into.add(node.text);
}

/** Identifiers a target or parameter binds: `a`, `(a, *b)`, `x: int = 1`, `*args`. */
function addTargets(node: SyntaxNode | null, into: Set<string>): void {
  if (!node) return;
  if (node.type === 'identifier') {
    into.add(node.text);
    return;
  }
  if (['attribute', 'subscript'].includes(node.type)) return;
  const named = node.childForFieldName('name');
  if (named) {
    addName(named, into);
    return;
  }
  for (const child of node.namedChildren) {
    if (child.type === 'type' || child.type === 'comment') continue;
    addTargets(child, into);
  }
}
