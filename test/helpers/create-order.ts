/**
 * The service function the hook tests commit, `create_order` with one write
 * site (Pattern B): without its "Transaction boundary:" section, and with the
 * section txboundary suggests for it.
 */
import { dedent } from './git-repo.js';

/** `create_order` without a docstring: TXB001 when added, TXB002 when it replaces `FIXED`. */
export const VIOLATION = dedent`
  def create_order(session, data):
      order = Order(**data)
      session.add(order)
      return order
`;

/** `create_order` documented with its Pattern B section. */
export const FIXED = dedent`
  def create_order(session, data):
      """Create an order.

      Transaction boundary: Single operation, automatically atomic.
          With a session the caller controls commit/rollback.
      """
      order = Order(**data)
      session.add(order)
      return order
`;
