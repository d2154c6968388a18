import { describe, expect, it } from 'vitest';
import { classify } from '../../src/suggest/classify.js';
import type { BodyEvent } from '../../src/types.js';

function write(callee: string, line: number, text = `${callee}(x)`): BodyEvent {
  return { kind: 'write', callee, text, line, readOnly: false };
}

function handOff(callee: string, line: number, readOnly = false, text = `${callee}(session=session)`): BodyEvent {
  return { kind: 'session-call', callee, text, line, readOnly };
}

const patternOf = (...events: BodyEvent[]) => classify('do_it', { events }).pattern;

describe('classify', () => {
  it('A: no writes and no state-changing hand-offs', () => {
    const c = classify('summarize', { events: [] });
    expect(c).toEqual({
      pattern: 'A',
      evidence: [],
      reason: 'no writes and no calls passing the session → Pattern A',
      steps: [],
    });
    expect(patternOf(handOff('get_user', 3, true), handOff('list_orders', 4, true))).toBe('A');
  });

  it('B: one write, or one state-changing hand-off', () => {
    expect(patternOf(write('session.add', 2))).toBe('B');
    expect(patternOf(handOff('create_order', 2))).toBe('B');
    expect(patternOf(handOff('create_order', 2), handOff('get_user', 3, true))).toBe('B');
  });

  it('B: one write next to read-only hand-offs (SPEC §2: no state-changing nested call)', () => {
    expect(patternOf(handOff('get_user', 2, true), write('session.delete', 3))).toBe('B');
  });

  it('C: several writes, a write with a hand-off, or several hand-offs', () => {
    expect(patternOf(write('session.add', 2), write('session.flush', 3))).toBe('C');
    expect(patternOf(write('session.add', 2), handOff('create_order', 3))).toBe('C');
    expect(patternOf(handOff('create_order', 2), handOff('charge', 3))).toBe('C');
  });

  it('lists every event as evidence', () => {
    const c = classify('place_order', {
      events: [
        handOff('orders.create_order', 142, false, 'orders.create_order(customer, session=session)'),
        write('session.query(Order).filter(Order.id==1).update', 143),
        handOff('get_user', 144, true, 'get_user(session, 1)'),
      ],
    });
    expect(c.evidence).toEqual([
      'orders.create_order(session=…) (line 142)',
      'session.query(…).filter(…).update (line 143)',
      'get_user(…) (line 144, read-only)',
    ]);
  });

  it('states the deciding evidence in one line, counting what it does not name', () => {
    const c = classify('import_orders', {
      events: [
        write('session.add', 140),
        handOff('create_order', 141),
        handOff('charge', 142),
        handOff('get_user', 143, true),
        write('session.flush', 150),
        write('session.commit', 151),
      ],
    });
    expect(c.reason).toBe(
      'session.add (line 140), session.flush (line 150) and 1 more write, 3 calls passing the session (1 read-only) → Pattern C',
    );
    expect(classify('f', { events: [write('session.add', 140), handOff('a', 141), handOff('b', 142), handOff('c', 143)] }).reason)
      .toBe('session.add (line 140), 3 calls passing the session → Pattern C');
    expect(classify('f', { events: [handOff('get_user', 3, true)] }).reason).toBe(
      'no writes, 1 read-only call passing the session → Pattern A',
    );
    expect(classify('f', { events: [write('session.add', 7)] }).reason).toBe(
      'session.add (line 7), no calls passing the session → Pattern B',
    );
  });

  it('pre-fills the steps for C only, in source order, from the call text', () => {
    const events = [
      handOff('create_order', 10, false, 'create_order(customer, session=session)'),
      write('session.add', 11, 'session.add(order)'),
    ];
    expect(classify('place_order', { events }).steps).toEqual([
      'create_order(customer, session=session)',
      'session.add(order)',
    ]);
    expect(classify('place_order', { events: [events[1] as BodyEvent] }).steps).toEqual([]);
  });

  it('leans on the name only when the body gives no evidence', () => {
    const lean = (name: string) => classify(name, { events: [] });
    expect(lean('get_user').pattern).toBe('A');
    expect(lean('validate_order').pattern).toBe('A');
    expect(lean('compute_total').pattern).toBe('A');
    expect(lean('create_user')).toMatchObject({
      pattern: 'B',
      reason: 'no writes found; the name create_user leans to Pattern B',
    });
    expect(lean('remove_tag').pattern).toBe('B');
    expect(lean('OrderService.sync_orders')).toMatchObject({
      pattern: 'C',
      reason: 'no writes found; the name sync_orders leans to Pattern C',
      steps: [],
    });
    expect(classify('create_user', { events: [handOff('get_user', 2, true)] }).pattern).toBe('A');
    expect(classify('get_user', { events: [write('session.add', 2)] }).pattern).toBe('B');
  });

  it('counts, rather than lists, the evidence and steps of a very long body', () => {
    const events = Array.from({ length: 500 }, (_, i) => write('session.add', i + 1));
    const c = classify('import_all', { events });
    expect(c.pattern).toBe('C');
    expect(c.evidence).toHaveLength(20);
    expect(c.evidence.at(-1)).toBe('… and 481 more');
    expect(c.steps).toHaveLength(12);
    expect(c.steps.at(-1)).toBe('… and 489 more steps');
  });
});
