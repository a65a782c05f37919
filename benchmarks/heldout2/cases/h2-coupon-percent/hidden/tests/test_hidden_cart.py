"""Other percentages and rounding to the cent: rules out hard-coding a 10% factor or
dividing by the wrong power of ten."""
from decimal import Decimal as D

from shop.cart import Cart, Coupon

PRICES = {"tee": D("20.00"), "mug": D("12.50"), "pen": D("0.99")}


def test_quarter_off():
    cart = Cart(PRICES, coupon=Coupon("Q25", 25))
    cart.add("mug", 3)
    assert cart.discount() == D("9.38")


def test_full_discount():
    cart = Cart(PRICES, coupon=Coupon("FREE", 100))
    cart.add("tee")
    assert cart.discount() == D("20.00")


def test_cap_above_discount_not_applied():
    cart = Cart(PRICES, coupon=Coupon("C", 15, max_discount=D("50")))
    cart.add("pen", 7)
    assert cart.discount() == D("1.04")
