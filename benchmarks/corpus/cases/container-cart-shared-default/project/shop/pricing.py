from __future__ import annotations

from shop.cart import Cart

DISCOUNT_CODES = {"WELCOME10": 10, "VIP25": 25}
TAX_PERCENT = 8


def _percent(amount: int, percent: int) -> int:
    return (amount * percent + 50) // 100


def total(cart: Cart) -> int:
    """Subtotal minus the cart's discount code, plus tax on the discounted amount."""
    amount = cart.subtotal()
    if cart.code is not None:
        if cart.code not in DISCOUNT_CODES:
            raise ValueError(f"invalid discount code {cart.code!r}")
        amount -= _percent(amount, DISCOUNT_CODES[cart.code])
    return amount + _percent(amount, TAX_PERCENT)


def format_cents(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"
