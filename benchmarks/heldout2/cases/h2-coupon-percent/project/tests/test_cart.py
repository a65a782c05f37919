from decimal import Decimal as D

from shop.cart import Cart, Coupon

PRICES = {"tee": D("20.00"), "mug": D("12.50"), "cap": D("15.00")}


def test_no_coupon():
    cart = Cart(PRICES)
    cart.add("tee", 2)
    cart.add("mug")
    assert cart.total() == D("52.50")


def test_small_order_pays_shipping():
    cart = Cart(PRICES)
    cart.add("mug")
    assert cart.total() == D("17.45")


def test_coupon_below_minimum_spend():
    cart = Cart(PRICES, coupon=Coupon("BIG10", 10, min_spend=D("100")))
    cart.add("tee")
    assert cart.discount() == D("0.00")


def test_capped_coupon():
    cart = Cart(PRICES, coupon=Coupon("TAKE5", 20, max_discount=D("5.00")))
    cart.add("tee", 3)
    assert cart.discount() == D("5.00")


def test_ten_percent_off():
    cart = Cart(PRICES, coupon=Coupon("SAVE10", 10))
    cart.add("tee", 2)
    cart.add("cap")
    assert cart.discount() == D("5.50")
    assert cart.total() == D("49.50")
