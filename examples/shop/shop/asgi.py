"""The same shop as a Starlette application, watched by homeostasis.monitor.

    uvicorn --workers 2 --host 127.0.0.1 --port 8000 shop.asgi:application
"""

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from homeostasis.monitor import ASGIMiddleware
from shop.pricing import CATALOG, format_price, price_after_coupon, receipt


async def price(request: Request) -> JSONResponse:
    item = request.path_params["item"]
    if item not in CATALOG:
        return JSONResponse({"error": f"no such item: {item}"}, status_code=404)
    cents = CATALOG[item]
    code = request.query_params.get("coupon")
    if code:
        cents = price_after_coupon(cents, code)
    return JSONResponse({"item": item, "price": format_price(cents)})


async def catalog(request: Request) -> JSONResponse:
    return JSONResponse({name: format_price(cents) for name, cents in CATALOG.items()})


async def checkout(request: Request) -> JSONResponse:
    order = await request.json()
    return JSONResponse(receipt(order["card"], order["item"], order.get("coupon")))


app = Starlette(routes=[Route("/price/{item}", price), Route("/catalog", catalog),
                        Route("/checkout", checkout, methods=["POST"])])
application = ASGIMiddleware(app, project=Path(__file__).resolve().parents[1])
