from shop.app import app


def test_price_without_coupon():
    assert app.test_client().get("/price/apple").get_json() == {"item": "apple", "price": "1.20"}


def test_unknown_item():
    assert app.test_client().get("/price/kiwi").status_code == 404
