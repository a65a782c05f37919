from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Contact:
    name: str
    emails: List[str]
    company: str = ""
    tags: List[str] = field(default_factory=list)


def normalize_email(email: str) -> str:
    local, _, domain = email.strip().partition("@")
    return f"{local}@{domain.lower()}"


class AddressBook:
    def __init__(self, contacts: Optional[List[Contact]] = None):
        self.contacts: List[Contact] = list(contacts or [])

    def add(self, contact: Contact) -> None:
        for email in contact.emails:
            if self.find_by_email(email) is not None:
                raise ValueError(f"{email} already belongs to a contact")
        self.contacts.append(contact)

    def find_by_email(self, email: str) -> Optional[Contact]:
        wanted = normalize_email(email)
        for contact in self.contacts:
            if any(normalize_email(e) == wanted for e in contact.emails):
                return contact
            else:
                return None
        return None

    def by_company(self) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = {}
        for c in self.contacts:
            out.setdefault(c.company or "(none)", []).append(c.name)
        return {k: sorted(v) for k, v in sorted(out.items())}

    def tagged(self, tag: str) -> List[str]:
        return [c.name for c in self.contacts if tag in c.tags]
