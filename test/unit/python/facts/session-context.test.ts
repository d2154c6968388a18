/**
 * Where a session is held, call by call (src/python/facts/session-context.ts): the
 * regions of a body that change the context, and how they nest.
 */
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';

const analyze = await loadAnalyzer();

/** `callee@line held=…` for each call the first function makes while holding a session. */
function heldCalls(...lines: string[]): string[] {
  const facts = analyze(`${lines.join('\n')}\n`, { respectAll: true }).functions[0]?.facts.session;
  if (!facts) throw new Error('no session facts');
  return facts.calls.map((call) => `${call.callee}@${call.line} held=${call.session}`);
}

describe('session contexts', () => {
  it('takes a conditional expression branch as running without the session it tests', () => {
    expect(heldCalls('def f(session=None):', '    a = none_branch() if session is None else held_branch()', '    b = held_too() if session else none_too()')).toEqual([
      'held_branch@2 held=session',
      'held_too@3 held=session',
    ]);
  });

  it('takes the elif and else of `if session:` as running without it, and ends the rest-of-block rule with its block', () => {
    expect(
      heldCalls(
        'def f(session=None):',
        '    if session:',
        '        in_body()',
        '    elif other():',
        '        in_elif()',
        '    else:',
        '        in_else()',
        '    for x in xs:',
        '        if session is not None:',
        '            return early()',
        '        after_in_loop()',
        '    after_loop()',
      ),
    ).toEqual(['in_body@3 held=session', 'early@10 held=session', 'after_loop@12 held=session']);
  });

  it('gives nested helpers and lambdas the session of their own parameter, outside their defaults', () => {
    expect(
      heldCalls(
        'def f(order):',
        '    def _impl(sess, when=default_time()):',
        '        inner(order)',
        '    run = lambda s=make(): use(order) if s else skip()',
        '    with session_scope() as s:',
        '        in_with(order)',
        '    after_with(order)',
      ),
    ).toEqual(['inner@3 held=sess', 'in_with@6 held=s']);
  });

  it('reads a call without its comments, once per call', () => {
    const facts = analyze('def f(session):\n    notify(  # why\n        order,  # which\n    )\n', { respectAll: true }).functions[0]?.facts.session;
    expect(facts?.calls.map((call) => call.text)).toEqual(['notify(order)']);
  });
});
