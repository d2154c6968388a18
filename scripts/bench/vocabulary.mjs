// Words for service-style Python: entities, verbs and the text around them.

export const ENTITIES = [
  'order',
  'invoice',
  'customer',
  'shipment',
  'product',
  'payment',
  'refund',
  'coupon',
  'account',
  'subscription',
  'warehouse',
  'supplier',
  'ticket',
  'report',
  'budget',
  'contract',
];

/** Verbs by the pattern their function usually documents (docs/suggestion.md name hints). */
export const VERBS = {
  A: ['get', 'list', 'search', 'export', 'validate', 'count', 'find', 'summarize'],
  B: ['create', 'update', 'set', 'archive', 'rename', 'close', 'assign'],
  C: ['import', 'sync', 'record', 'process', 'merge', 'settle', 'rebuild'],
};

export const DECORATORS = ['@retry(times=3)', '@audited("{entity}")', '@transactional', '@cached(ttl=60)', '@requires_role("admin")', '@traced'];

export const FIELDS = ['status', 'amount', 'currency', 'note', 'priority', 'owner_id', 'region', 'due_at', 'quantity', 'label'];

export const STATUSES = ['draft', 'open', 'pending', 'approved', 'closed', 'cancelled', 'archived'];

/** The three sections of docs/suggestion.md and a few of the variants real code uses. */
export const SECTIONS = {
  A: [
    ['Transaction boundary: Read-only, no transaction needed.', '    Safe to call without a session. A passed session gives consistent', "    reads inside the caller's transaction."],
    ['Transaction boundary: Pure computation (no database access).'],
  ],
  B: [
    [
      'Transaction boundary: Single operation, automatically atomic.',
      '    With a session, the caller controls commit and rollback. Without',
      '    one, the function opens its own session_scope() that commits on',
      '    success.',
    ],
    ['Transaction boundary: Inherits session from caller.'],
  ],
  C: [
    [
      'Transaction boundary: ALL operations in single session (atomic).',
      '    Atomicity guarantee: all steps succeed or all roll back.',
      '    Steps executed atomically:',
      '        1. load the {entity}',
      '        2. write the changes',
      '        3. notify dependent services',
      '    CRITICAL: every nested service call receives the session; no new',
      '    session_scope() is opened.',
    ],
    ['Transaction boundary: Multi-step operation (atomic).', "    All writes share the caller's session."],
  ],
};

export function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `purchase_order` → `PurchaseOrder`. */
export function className(entity) {
  return entity.split('_').map(capitalize).join('');
}
