"""Prices in cents, and the coupons that take a percentage off."""

CATALOG = {"apple": 120, "pear": 95, "melon": 450}
COUPONS = {"SPRING10": 10, "VIP25": 25}


def price_after_coupon(price, code):
    """The price once the coupon ``code`` is applied; a code the shop does not know takes
    nothing off."""
    return price - price * COUPONS[code] // 100


def format_price(cents):
    """``1234`` → ``"12.34"``."""
    return f"{cents // 100}.{cents % 100:02d}"


def receipt(card_number, item, code):
    """What a checkout answers: the item, what was charged, the card's last four digits."""
    cents = CATALOG[item]
    if code:
        cents = price_after_coupon(cents, code)
    return {"item": item, "charged": format_price(cents), "card": card_number[-4:]}
