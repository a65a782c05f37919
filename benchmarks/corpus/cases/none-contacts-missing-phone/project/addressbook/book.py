from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from addressbook.normalize import normalize_email, normalize_phone


@dataclass
class Contact:
    name: str
    email: str | None = None
    phone: str | None = None

    def merge(self, other: "Contact") -> None:
        """Fill in whatever this contact is missing from ``other``."""
        self.email = self.email or other.email
        self.phone = self.phone or other.phone


class AddressBook:
    def __init__(self, country_code: str = "1") -> None:
        self.country_code = country_code
        self.contacts: list[Contact] = []

    def _find(self, contact: Contact) -> Contact | None:
        for existing in self.contacts:
            if contact.email and existing.email == contact.email:
                return existing
            if contact.phone and existing.phone == contact.phone:
                return existing
        return None

    def add(self, record: Mapping[str, str | None]) -> Contact:
        name = (record.get("name") or "").strip()
        if not name:
            raise ValueError("a contact needs a name")
        contact = Contact(
            name=name,
            email=normalize_email(record.get("email")),
            phone=normalize_phone(record.get("phone"), self.country_code),
        )
        existing = self._find(contact)
        if existing is not None:
            existing.merge(contact)
            return existing
        self.contacts.append(contact)
        return contact

    def import_records(self, records: Iterable[Mapping[str, str | None]]) -> int:
        """Add every record; return how many new contacts were created."""
        before = len(self.contacts)
        for record in records:
            self.add(record)
        return len(self.contacts) - before
