// Edits that turn a committed module into its staged version.

/** Changes one existing body line (a reviewed-by comment): the smallest real edit. */
export function editLine(fn) {
  const candidates = fn.body.map((_, index) => index).filter((index) => fn.body[index][1] !== '');
  const index = candidates[Math.floor(candidates.length / 2)];
  const [depth, text] = fn.body[index];
  fn.body[index] = [depth, `${text}  # reviewed: keep in sync with the ${fn.name} docs`];
}

/** Inserts a new step at the top of the body: an audit row added to the session. */
export function addStep(fn) {
  fn.body.unshift([0, `audit = AuditEntry(action="${fn.name}", at=datetime.now(timezone.utc))`], [0, 'if session is not None:'], [1, 'session.add(audit)']);
}

/** Deletes the section the function had (TXB002 when HEAD had it). */
export function dropSection(fn) {
  if (fn.docstring) fn.docstring.section = null;
}

/** One of the edits a developer makes to a function while working on it. */
export function touch(random, fn) {
  if (random.chance(1 / 3)) editLine(fn);
  else addStep(fn);
}
