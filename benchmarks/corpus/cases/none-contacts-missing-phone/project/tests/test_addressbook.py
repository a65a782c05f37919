import pytest

from addressbook import AddressBook, normalize_email, normalize_phone


def test_phone_formats():
    assert normalize_phone("(555) 123-4567") == "+15551234567"
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    assert normalize_phone("0033 1 23 45 67 89") == "+33123456789"


def test_phone_with_other_country_code():
    assert normalize_phone("555 123 4567", country_code="49") == "+495551234567"


def test_email_normalized():
    assert normalize_email("  Ada@Example.ORG ") == "ada@example.org"
    with pytest.raises(ValueError):
        normalize_email("ada.example.org")


def test_duplicates_are_merged_by_phone():
    book = AddressBook()
    created = book.import_records([
        {"name": "Ada", "phone": "555-123-4567"},
        {"name": "Ada L.", "phone": "(555) 123 4567", "email": "ada@example.org"},
    ])
    assert created == 1
    assert book.contacts[0].email == "ada@example.org"


def test_record_without_phone():
    book = AddressBook()
    contact = book.add({"name": "Grace", "email": "grace@navy.mil"})
    assert contact.phone is None
    assert contact.email == "grace@navy.mil"


def test_name_is_required():
    with pytest.raises(ValueError):
        AddressBook().add({"name": "  ", "phone": "5551234567"})
