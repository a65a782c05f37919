import pytest

from crm.contacts import AddressBook, Contact


def book():
    return AddressBook([
        Contact("Ann Lee", ["ann@Example.com"], "Acme", ["vip"]),
        Contact("Bob Ray", ["bob@example.com", "b.ray@home.net"], "Acme"),
        Contact("Cy Park", ["cy@park.io"], tags=["vip"]),
    ])


def test_first_contact_found_case_insensitive_domain():
    assert book().find_by_email("ann@EXAMPLE.COM").name == "Ann Lee"


def test_unknown_email():
    assert book().find_by_email("nobody@example.com") is None


def test_grouping_and_tags():
    b = book()
    assert b.by_company() == {"(none)": ["Cy Park"], "Acme": ["Ann Lee", "Bob Ray"]}
    assert b.tagged("vip") == ["Ann Lee", "Cy Park"]


def test_later_contact_found():
    assert book().find_by_email("b.ray@home.net").name == "Bob Ray"


def test_duplicate_email_rejected():
    b = book()
    with pytest.raises(ValueError):
        b.add(Contact("Cy Two", ["cy@PARK.io"]))
