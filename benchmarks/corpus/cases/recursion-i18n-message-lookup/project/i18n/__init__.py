"""Message catalogs with locale fallback, placeholders and plural forms."""

from i18n.catalog import Catalog, MissingMessage
from i18n.locales import fallback_chain
from i18n.text import interpolate, plural_category

__all__ = ["Catalog", "MissingMessage", "fallback_chain", "interpolate", "plural_category"]
