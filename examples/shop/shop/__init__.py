"""A small shop: prices, coupons, checkout."""
