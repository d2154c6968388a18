import type { Node, Point } from 'web-tree-sitter';
import type { SyntaxNode } from './syntax-node.js';

/**
 * Syntax nodes of one function that ask WebAssembly each question once.
 *
 * Every property of a web-tree-sitter node but its id and start is a call into WebAssembly, and a lookup by field name
 * first searches the language's field list; the fact collectors ask the same nodes the same questions many times
 * (a call's callee: the write, hand-off, session and scope tests). Here the answers are kept, and a node reached twice
 * is the same object, so what one collector read is there for the next.
 */
export class NodeCache {
  readonly #nodes = new Map<number, CachedNode>();

  /** The cached view of `node`; `type`, when already read, is kept too. */
  wrap(node: Node, type?: string): CachedNode {
    let cached = this.#nodes.get(node.id);
    if (!cached) {
      cached = new CachedNode(node, this, type);
      this.#nodes.set(node.id, cached);
    }
    return cached;
  }
}

/** A web-tree-sitter node whose answers are read once (see `NodeCache`). */
export class CachedNode implements SyntaxNode {
  readonly #node: Node;
  readonly #cache: NodeCache;
  #type: string | undefined;
  #endIndex: number | undefined;
  #text: string | undefined;
  #namedChildren: CachedNode[] | undefined;
  #fields: Map<string, CachedNode | null> | undefined;

  constructor(node: Node, cache: NodeCache, type?: string) {
    this.#node = node;
    this.#cache = cache;
    this.#type = type;
  }

  get id(): number {
    return this.#node.id;
  }

  get startIndex(): number {
    return this.#node.startIndex;
  }

  get startPosition(): Point {
    return this.#node.startPosition;
  }

  get type(): string {
    this.#type ??= this.#node.type;
    return this.#type;
  }

  get endIndex(): number {
    this.#endIndex ??= this.#node.endIndex;
    return this.#endIndex;
  }

  get text(): string {
    this.#text ??= this.#node.text;
    return this.#text;
  }

  get isMissing(): boolean {
    return this.#node.isMissing;
  }

  get namedChildren(): readonly CachedNode[] {
    this.#namedChildren ??= this.#node.namedChildren.map((child) => this.#cache.wrap(child));
    return this.#namedChildren;
  }

  get firstNamedChild(): CachedNode | null {
    return this.namedChildren[0] ?? null;
  }

  get parent(): CachedNode | null {
    const parent = this.#node.parent;
    return parent && this.#cache.wrap(parent);
  }

  childForFieldName(fieldName: string): CachedNode | null {
    this.#fields ??= new Map();
    let child = this.#fields.get(fieldName);
    if (child === undefined) {
      const found = this.#node.childForFieldName(fieldName);
      child = found && this.#cache.wrap(found);
      this.#fields.set(fieldName, child);
    }
    return child;
  }

  childrenForFieldName(fieldName: string): readonly CachedNode[] {
    return this.#node.childrenForFieldName(fieldName).map((child) => this.#cache.wrap(child));
  }
}
