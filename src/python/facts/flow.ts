/**
 * How control runs through a function body, reduced to what decides its transaction pattern: its own data-changing
 * steps and its calls, inside branches, loops and early exits. Read by the suggestion and TXB004 (docs/suggestion.md).
 */
export type Flow =
  | { kind: 'seq'; items: readonly Flow[] }
  /** `if`/`elif`/`else`, `match`, `try`/`except`: one arm runs (an empty arm stands for "none of them"). */
  | { kind: 'branch'; arms: readonly Flow[] }
  /** `for`, `while` and comprehensions: the body may run once per item, bound to `targets` (`for order in orders`). */
  | { kind: 'loop'; body: Flow; targets: readonly string[] }
  /** `return`/`raise`: the value is computed, then the function leaves. */
  | { kind: 'exit'; value: Flow }
  /** A function defined inside this one: it runs where it is called, or here when it is never called by name. */
  | { kind: 'def'; name: string; body: Flow }
  | Operation;

export type Operation = Write | Call | Query;

/** A read through the session: `session.query(Order).filter(…).first()`, `session.get(Order, id)`. */
export interface Query {
  kind: 'query';
  line: number;
}

/**
 * A data-changing step taken on the spot: `session.add(x)`, `query.update(…)`, `session.execute(insert(…))`,
 * or a change to a loaded row (`order.status = …`).
 */
export interface Write {
  kind: 'write';
  /** The method as written (`session.add`, `session.query(…).filter(…).update`), or the attribute set (`order.status`). */
  callee: string;
  /** The variable holding the row written: several changes to one row (`session.add(order)`, `order.total = …`) are one step. */
  row: string | null;
  /** The call on one line, shortened. */
  text: string;
  line: number;
}

/** A call that may do what its callee does. */
export interface Call {
  kind: 'call';
  /** The callee as a dotted name (`create_line`, `orders.create_line`, `self.save`), or as written when it is not one. */
  callee: string;
  /** A dotted name may be resolved to a function of the repository. */
  dotted: boolean;
  /** A function defined inside the calling function (or a lambda bound to a name there). */
  local: boolean;
  /** The call hands a session on (`f(x, session)`, `f(session=s)`). */
  passesSession: boolean;
  text: string;
  line: number;
}

export const EMPTY_FLOW: Flow = Object.freeze({ kind: 'seq', items: Object.freeze([]) });

/** Every node of a flow, nested ones included (the bodies of loops, branches and local functions). */
export function* flowNodes(flow: Flow | undefined): Generator<Flow> {
  const pending: Flow[] = flow ? [flow] : [];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    yield item;
    switch (item.kind) {
      case 'seq':
        pending.push(...item.items);
        break;
      case 'branch':
        pending.push(...item.arms);
        break;
      case 'loop':
      case 'def':
        pending.push(item.body);
        break;
      case 'exit':
        pending.push(item.value);
        break;
      default:
        break;
    }
  }
}

/** The calls of a flow to dotted names outside the function (`orders.create`, `self.save`, `helper`): those that may reach the repository. */
export function outgoingCalls(flow: Flow | undefined): Call[] {
  return [...flowNodes(flow)].filter((node): node is Call => node.kind === 'call' && node.dotted && !node.local);
}
