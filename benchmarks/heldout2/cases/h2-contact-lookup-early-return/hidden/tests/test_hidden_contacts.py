"""Every email of every contact is found, in any position of the list: rules out
patches that only look at the first two contacts or the first email of each."""
from crm.contacts import AddressBook, Contact


def test_every_email_found():
    contacts = [Contact(f"p{i}", [f"a{i}@x.org", f"b{i}@y.org"]) for i in range(10)]
    b = AddressBook(contacts)
    for i in range(10):
        assert b.find_by_email(f"b{i}@Y.ORG").name == f"p{i}"
        assert b.find_by_email(f"a{i}@x.org").name == f"p{i}"
    assert b.find_by_email("a10@x.org") is None


def test_empty_book():
    assert AddressBook().find_by_email("a@b.c") is None
