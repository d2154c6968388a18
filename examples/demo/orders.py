"""Order service: the database layer of a small shop."""

from shop.db import session_scope
from shop.inventory import reserve_stock
from shop.models import Order, OrderLine


def get_order(order_id, session=None):
    """Return the order with the given id, or None.

    Transaction boundary: Read-only, no transaction needed.
        Safe to call without a session. A passed session gives consistent
        reads inside the caller's transaction.
    """
    with session_scope(session) as s:
        return s.get(Order, order_id)


def cancel_order(order_id, session=None):
    """Mark an order as cancelled.

    Transaction boundary: Single operation, automatically atomic.
        With a session, the caller controls commit and rollback. Without
        one, the function opens its own session_scope() that commits on
        success.
    """
    with session_scope(session) as s:
        order = s.get(Order, order_id)
        order.status = "cancelled"
        s.add(order)


class OrderService:
    """Orders placed through the web shop."""

    def place_order(self, customer_id, items, session):
        """Create an order, reserve its stock and record its lines.

        Transaction boundary: ALL operations in single session (atomic).
            Atomicity guarantee: all steps succeed or all roll back.
            Steps executed atomically:
                1. session.add(order)
                2. reserve_stock(item, session=session)
                3. session.add_all(lines)
            CRITICAL: every nested service call receives the session; no new
            session_scope() is opened.
        """
        order = Order(customer_id=customer_id)
        session.add(order)
        for item in items:
            reserve_stock(item, session=session)
        session.add_all([OrderLine(order=order, item=item) for item in items])
        return order

    def _audit(self, order):
        return f"order {order.id}"
