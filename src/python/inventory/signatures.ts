import type { Node } from 'web-tree-sitter';
import type { Binding, ModuleName, ModuleOutline, Signature } from '../../session-types.js';
import { sessionParameterOf } from './parameters.js';
import type { Statement } from '../tree/statements.js';
import type { SyntaxNode } from '../tree/syntax-node.js';
import { isStubDecorator } from './stub.js';

/**
 * The names a module binds at top level, as far as calling into it goes: functions with their session parameter,
 * classes with their methods, and imports. Later bindings replace earlier ones, as when Python runs the module;
 * an assignment hides a function of the same name. Module-level `if`/`try` blocks are looked through (docs/rules.md).
 *
 *     from app.db import session_scope        → session_scope: imported app.db.session_scope
 *     import app.services.payments as pay     → pay: module app.services.payments
 *     def record(order, *, session=None): …   → record: function, session keyword-only
 */
export function collectSignatures(statements: readonly Statement[], source: string): ModuleOutline {
  const bindings: Record<string, Binding> = Object.create(null);
  /** The methods of the class each top-level class name is bound to now. */
  const methods = new Map<string, Record<string, Signature>>();
  for (const { node, type, classPath, decorated } of statements) {
    if (classPath.length === 0) {
      for (const [name, binding] of bindingsOf(node, type, source)) {
        bindings[name] = binding;
        if (binding.kind === 'class') methods.set(name, binding.methods as Record<string, Signature>);
      }
      continue;
    }
    const className = classPath[0] as string;
    const owner = methods.get(className);
    if (classPath.length !== 1 || type !== 'function_definition' || !owner) continue;
    const decorators = decorated ? decorated.namedChildren.filter((c) => c.type === 'decorator') : [];
    if (decorators.some(isStubDecorator)) continue;
    const isStatic = decorators.some((d) => /^@\s*staticmethod\s*$/.test(d.text));
    const signature = signatureOf(node, source, `${className}.`, !isStatic);
    if (signature) owner[signature.qualifiedName.slice(`${className}.`.length)] = signature;
  }
  return bindings;
}

/** The names one top-level statement binds, in order. */
function bindingsOf(node: Node, type: string, source: string): Array<[string, Binding]> {
  switch (type) {
    case 'import_statement':
    case 'import_from_statement':
      return importBindings(node);
    case 'function_definition': {
      const signature = signatureOf(node, source, '', false);
      return signature ? [[signature.qualifiedName, { kind: 'function', signature }]] : [];
    }
    case 'class_definition': {
      const name = node.childForFieldName('name')?.text;
      if (!name) return [];
      return [[name, { kind: 'class', methods: Object.create(null) }]];
    }
    case 'expression_statement': {
      const assignment = node.firstNamedChild;
      if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return [];
      const left = assignment.childForFieldName('left');
      return left ? assignedNames(left).map((name) => [name, { kind: 'other' }]) : [];
    }
    default:
      return [];
  }
}

function signatureOf(fn: Node, source: string, prefix: string, isMethod: boolean): Signature | null {
  const name = fn.childForFieldName('name');
  if (!name || name.isMissing || name.text === '') return null;
  return {
    qualifiedName: `${prefix}${name.text}`,
    line: fn.startPosition.row + 1,
    session: sessionParameterOf(fn, source, isMethod),
  };
}

/**
 * What an `import` or `from … import` statement binds (a star import binds names nobody can list, so nothing).
 *
 *     import a.b as m          → m: module a.b
 *     import a.b               → a: module a
 *     from ..x import f as g   → g: imported (level 2, x).f
 */
export function importBindings(node: SyntaxNode): Array<[string, Binding]> {
  const result: Array<[string, Binding]> = [];
  const names = node.childrenForFieldName('name');
  if (node.type === 'import_statement') {
    for (const item of names) {
      if (item.type === 'aliased_import') {
        const alias = item.childForFieldName('alias')?.text;
        const dotted = item.childForFieldName('name');
        if (alias && dotted) result.push([alias, { kind: 'module', module: { level: 0, name: dottedText(dotted) } }]);
      } else if (item.type === 'dotted_name') {
        const first = item.firstNamedChild?.text;
        if (first) result.push([first, { kind: 'module', module: { level: 0, name: first } }]);
      }
    }
    return result;
  }
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return result;
  const module = moduleNameOf(moduleNode);
  for (const item of names) {
    const dotted = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : dotted?.text;
    if (dotted?.type === 'dotted_name' && alias) result.push([alias, { kind: 'imported', module, name: dottedText(dotted) }]);
  }
  return result;
}

function moduleNameOf(node: SyntaxNode): ModuleName {
  if (node.type !== 'relative_import') return { level: 0, name: dottedText(node) };
  const prefix = node.namedChildren.find((child) => child.type === 'import_prefix');
  const dotted = node.namedChildren.find((child) => child.type === 'dotted_name');
  return { level: prefix ? prefix.text.replace(/[^.]/g, '').length : 0, name: dotted ? dottedText(dotted) : '' };
}

function dottedText(node: SyntaxNode): string {
  return node.namedChildren
    .filter((child) => child.type === 'identifier')
    .map((child) => child.text)
    .join('.');
}

const UNPACKING: ReadonlySet<string> = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'list_splat_pattern']);

/** `a`, `a, b = …`, `(a, [b, c]) = …`, `*rest`; attributes and subscripts bind nothing new. */
function assignedNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  if (UNPACKING.has(target.type)) return target.namedChildren.flatMap(assignedNames);
  return [];
}
