from shop.pricing import format_price, price_after_coupon, receipt


def test_coupon_takes_its_percentage_off():
    assert price_after_coupon(1000, "SPRING10") == 900
    assert price_after_coupon(120, "VIP25") == 90


def test_format_price():
    assert format_price(1234) == "12.34"
    assert format_price(95) == "0.95"


def test_receipt_without_coupon():
    assert receipt("4111111111111111", "pear", None) == {
        "item": "pear", "charged": "0.95", "card": "1111"}
