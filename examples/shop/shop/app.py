"""The shop as a Flask application, watched by homeostasis.monitor.

    gunicorn --workers 2 --bind 127.0.0.1:8000 shop.app:application
"""

from pathlib import Path

from flask import Flask, request

from homeostasis.monitor import WSGIMiddleware
from shop.pricing import CATALOG, format_price, price_after_coupon, receipt

app = Flask(__name__)


@app.get("/price/<item>")
def price(item):
    if item not in CATALOG:
        return {"error": f"no such item: {item}"}, 404
    cents = CATALOG[item]
    code = request.args.get("coupon")
    if code:
        cents = price_after_coupon(cents, code)
    return {"item": item, "price": format_price(cents)}


@app.get("/catalog")
def catalog():
    return {name: format_price(cents) for name, cents in CATALOG.items()}


@app.post("/checkout")
def checkout():
    order = request.get_json()
    return receipt(order["card"], order["item"], order.get("coupon"))


# The project's root: the folder that holds pyproject.toml, one above this package.
application = WSGIMiddleware(app, project=Path(__file__).resolve().parents[1])
