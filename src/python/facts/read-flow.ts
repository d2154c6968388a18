import type { Node } from 'web-tree-sitter';
import { EMPTY_FLOW, type Flow, type Operation } from './flow.js';
import { CONTROL_METHODS, EXECUTE_METHODS, isInertCallee, isSessionMaker, isWriteMethod } from './vocabulary.js';
import type { BodyNodes } from '../tree/body-nodes.js';
import { type CodeText, oneLine } from '../tree/code-text.js';
import { isExecutedStatement } from './dml-statement.js';
import { argumentsOf, argumentValue } from './arguments.js';
import { CONTAINER_LITERALS, type NameBindings } from './name-bindings.js';
import { isSessionValue, passesSession } from './session-values.js';
import { firstAtOrAfter } from '../source/sorted-positions.js';
import type { SyntaxNode } from '../tree/syntax-node.js';

const STANDARD_STREAMS = new Set(['sys.stdout', 'sys.stderr']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/**
 * The flow of a function body (see `Flow`): each call read once as a write, a query, a call worth what its callee
 * does, or nothing (transaction control, builtins). Only compound statements are walked; the calls of a simple
 * statement are found by position among `nodes.calls`.
 */
export function readFlow(fn: Node, nodes: BodyNodes, names: NameBindings): Flow {
  const chained = new Set<number>();
  const operations = nodes.calls.map((call) => (chained.has(call.id) ? null : operationOf(call, names, nodes.code, chained)));
  // Only once every call is read is it known which ones merely build an executed statement.
  nodes.calls.forEach((call, i) => {
    if (names.statementParts.has(call.id)) operations[i] = null;
  });
  const loops = nodes.others.filter(({ type }) => COMPREHENSIONS.has(type)).map(({ node }) => node);
  const reader = new FlowReader(nodes.calls, operations, loops);
  const body = fn.childForFieldName('body');
  return body ? reader.block(body) : EMPTY_FLOW;
}

class FlowReader {
  readonly #starts: number[];

  constructor(
    private readonly calls: readonly SyntaxNode[],
    private readonly operations: ReadonlyArray<Operation | null>,
    private readonly loops: readonly SyntaxNode[],
  ) {
    this.#starts = calls.map((call) => call.startIndex);
  }

  block(block: Node): Flow {
    return seq(block.namedChildren.filter((child) => child.type !== 'comment').map((statement) => this.statement(statement)));
  }

  statement(node: Node): Flow {
    switch (node.type) {
      case 'return_statement':
      case 'raise_statement':
        return { kind: 'exit', value: this.within(node) };
      case 'if_statement':
        return this.ifStatement(node);
      case 'for_statement':
        return seq([
          this.within(node.childForFieldName('right')),
          this.loop(node.childForFieldName('body'), boundNames(node.childForFieldName('left'))),
          this.optional(node.childForFieldName('alternative')),
        ]);
      case 'while_statement':
        return seq([this.within(node.childForFieldName('condition')), this.loop(node.childForFieldName('body'), []), this.optional(node.childForFieldName('alternative'))]);
      case 'expression_statement':
        return seq([this.within(node), ...rowChanges(node)]);
      case 'with_statement':
        return seq([this.within(node.namedChildren.find((child) => child.type === 'with_clause') ?? null), this.optional(node.childForFieldName('body'))]);
      case 'try_statement':
        return this.tryStatement(node);
      case 'match_statement':
        return this.matchStatement(node);
      case 'decorated_definition':
        return this.statement(node.childForFieldName('definition') ?? node);
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text ?? '';
        return { kind: 'def', name, body: this.optional(node.childForFieldName('body')) };
      }
      case 'class_definition':
        return EMPTY_FLOW;
      default:
        return this.within(node);
    }
  }

  ifStatement(node: Node): Flow {
    const arms: Flow[] = [this.optional(node.childForFieldName('consequence'))];
    let hasElse = false;
    const heads: Flow[] = [this.within(node.childForFieldName('condition'))];
    for (const clause of node.childrenForFieldName('alternative')) {
      if (clause.type === 'else_clause') {
        hasElse = true;
        arms.push(this.optional(clause.childForFieldName('body')));
      } else {
        // An `elif` test runs only when the tests before it failed; counting it with the heads is close enough.
        heads.push(this.within(clause.childForFieldName('condition')));
        arms.push(this.optional(clause.childForFieldName('consequence')));
      }
    }
    if (!hasElse) arms.push(EMPTY_FLOW);
    return seq([...heads, { kind: 'branch', arms }]);
  }

  tryStatement(node: Node): Flow {
    const handlers: Flow[] = [EMPTY_FLOW];
    const after: Flow[] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'except_clause' || child.type === 'except_group_clause') {
        handlers.push(seq(child.namedChildren.filter((part) => part.type === 'block').map((part) => this.block(part))));
      } else if (child.type === 'else_clause') {
        after.push(this.optional(child.childForFieldName('body')));
      } else if (child.type === 'finally_clause') {
        after.push(seq(child.namedChildren.filter((part) => part.type === 'block').map((part) => this.block(part))));
      }
    }
    return seq([this.optional(node.childForFieldName('body')), { kind: 'branch', arms: handlers }, ...after]);
  }

  matchStatement(node: Node): Flow {
    const subjects = node.childrenForFieldName('subject').map((subject) => this.within(subject));
    const cases = (node.childForFieldName('body')?.namedChildren ?? []).filter((child) => child.type === 'case_clause').map((clause) => this.optional(clause.childForFieldName('consequence')));
    return seq([...subjects, { kind: 'branch', arms: [...cases, EMPTY_FLOW] }]);
  }

  loop(body: Node | null, targets: readonly string[]): Flow {
    return { kind: 'loop', body: this.optional(body), targets };
  }

  optional(node: Node | null): Flow {
    if (!node) return EMPTY_FLOW;
    return node.type === 'block' ? this.block(node) : this.statement(node);
  }

  /** The operations of the calls inside `node`, in source order; those inside a comprehension repeat. */
  within(node: Node | null): Flow {
    if (!node) return EMPTY_FLOW;
    const items: Flow[] = [];
    for (let i = firstAtOrAfter(this.#starts, node.startIndex); i < this.calls.length && (this.#starts[i] as number) < node.endIndex; i++) {
      const operation = this.operations[i];
      if (!operation) continue;
      const at = this.#starts[i] as number;
      items.push(this.loops.some((loop) => loop.startIndex < at && at < loop.endIndex) ? { kind: 'loop', body: operation, targets: [] } : operation);
    }
    return seq(items);
  }
}

/**
 * `order.status = "paid"`, `order.total += x`: a change to a row the function holds, written at the next flush.
 * The object's own attributes (`self.x = …`) and module constants are not rows.
 */
function rowChanges(statement: Node): Flow[] {
  const assignment = statement.firstNamedChild;
  if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return [];
  const target = assignment.childForFieldName('left');
  if (target?.type !== 'attribute') return [];
  const owner = target.childForFieldName('object');
  if (owner?.type !== 'identifier' || owner.text === 'self' || owner.text === 'cls' || /^[A-Z_0-9]+$/.test(owner.text)) return [];
  const callee = target.text.replace(/\s+/g, '');
  return [{ kind: 'write', callee, row: owner.text, text: oneLine(assignment.text), line: statement.startPosition.row + 1 }];
}

/** The names a `for` target binds: `order`, `(key, value)`. */
function boundNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  return target.namedChildren.flatMap(boundNames);
}

function seq(items: Flow[]): Flow {
  const kept = items.filter((item) => item.kind !== 'seq' || item.items.length > 0);
  if (kept.length === 0) return EMPTY_FLOW;
  return kept.length === 1 ? (kept[0] as Flow) : { kind: 'seq', items: kept };
}

/**
 * What one call does. `chained` collects the inner calls of a read chain (`session.query(…).filter(…)` in
 * `session.query(…).filter(…).first()`): the whole chain is one query, read at its outermost call, which comes first.
 */
function operationOf(call: SyntaxNode, names: NameBindings, code: CodeText, chained: Set<number>): Operation | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const calleeText = code.of(callee).replace(/\s+/g, '');
  const args = argumentsOf(call);
  const line = call.startPosition.row + 1;
  const method = callee.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : '';
  if (isWrite(callee, method, args, names, code)) {
    // `session.add(order)` writes the row `order`; `session.add(Order(…))` a row of its own.
    const row = args[0]?.type === 'identifier' ? args[0].text : null;
    return { kind: 'write', callee: calleeText, row, text: oneLine(code.of(call)), line };
  }
  if (calleeText === 'setattr' && args[0]?.type === 'identifier' && args[0].text !== 'self') {
    return { kind: 'write', callee: 'setattr', row: args[0].text, text: oneLine(code.of(call)), line };
  }
  if (isOnSession(callee, names)) {
    if (CONTROL_METHODS.has(method)) return null;
    for (const node of receivers(callee)) if (node.type === 'call') chained.add(node.id);
    return { kind: 'query', line };
  }
  if (isSessionMaker(calleeText) || isInertCallee(calleeText)) return null;
  const dotted = DOTTED.test(calleeText);
  const handsOn = args.some((arg) => passesSession(arg, names));
  if (!dotted && !handsOn) return null;
  const local = callee.type === 'identifier' && names.local.has(calleeText);
  return { kind: 'call', callee: calleeText, dotted, local, passesSession: handsOn, text: oneLine(code.of(call)), line };
}

/** What a method is called on, outwards in: `a.b(…)[0].c` → `a.b(…)[0]`, `a.b(…)`, `a.b`, `a`. */
function* receivers(callee: SyntaxNode): Generator<SyntaxNode> {
  let node = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  while (node !== null) {
    yield node;
    if (node.type === 'attribute') node = node.childForFieldName('object');
    else if (node.type === 'call') node = node.childForFieldName('function');
    else if (node.type === 'subscript') node = node.childForFieldName('value');
    else return;
  }
}

/**
 * `x.add(…)` and friends on any receiver not known to be a container; `.update(…)`/`.delete(…)` on a query chain;
 * `.execute(…)` of an INSERT/UPDATE/DELETE statement.
 */
function isWrite(callee: SyntaxNode, method: string, args: SyntaxNode[], names: NameBindings, code: CodeText): boolean {
  if (callee.type !== 'attribute') return false;
  const receiver = callee.childForFieldName('object');
  if (!receiver || isNotDatabase(receiver, names, code)) return false;
  if (isWriteMethod(method)) return true;
  if (method === 'update') {
    return receiver.type === 'call' && receiver.childForFieldName('function')?.type === 'attribute';
  }
  const first = args[0];
  return EXECUTE_METHODS.has(method) && first !== undefined && isExecutedStatement(argumentValue(first), names);
}

function isNotDatabase(receiver: SyntaxNode, names: NameBindings, code: CodeText): boolean {
  if (CONTAINER_LITERALS.has(receiver.type)) return true;
  if (receiver.type === 'identifier') return names.notDatabase.has(receiver.text);
  return STANDARD_STREAMS.has(code.of(receiver).replace(/\s+/g, ''));
}

/** `session.query(U).filter(…).all`, `self.session.get`: a method of the session itself. */
function isOnSession(callee: SyntaxNode, names: NameBindings): boolean {
  for (const node of receivers(callee)) if (isSessionValue(node, names)) return true;
  return false;
}
