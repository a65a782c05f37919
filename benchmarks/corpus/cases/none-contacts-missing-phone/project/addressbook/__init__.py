"""An address book that imports and de-duplicates contacts from exported records."""

from addressbook.book import AddressBook, Contact
from addressbook.normalize import normalize_email, normalize_phone

__all__ = ["AddressBook", "Contact", "normalize_email", "normalize_phone"]
