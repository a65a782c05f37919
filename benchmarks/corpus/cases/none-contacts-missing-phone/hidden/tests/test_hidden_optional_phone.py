from addressbook import AddressBook, normalize_phone


def test_none_and_blank_phone():
    assert normalize_phone(None) is None
    assert normalize_phone("") is None
    assert normalize_phone(" - ") is None


def test_explicit_null_phone_in_record():
    book = AddressBook()
    contact = book.add({"name": "Linus", "email": "linus@example.com", "phone": None})
    assert contact.phone is None


def test_contacts_without_phone_are_merged_by_email_only():
    book = AddressBook()
    created = book.import_records([
        {"name": "Ken", "email": "ken@bell.com"},
        {"name": "Dennis", "email": "dmr@bell.com"},
        {"name": "Ken T.", "email": "KEN@bell.com", "phone": "555 000 1111"},
    ])
    assert created == 2
    assert [c.phone for c in book.contacts] == ["+15550001111", None]


def test_contact_with_neither_email_nor_phone():
    book = AddressBook()
    assert book.import_records([{"name": "Anon"}, {"name": "Anon"}]) == 2
