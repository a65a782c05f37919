"""Course grade keeping: scores per student and assignment, imported from sheets."""

from gradebook.book import Gradebook, UnknownAssignment
from gradebook.importer import ImportReport, import_scores

__all__ = ["Gradebook", "ImportReport", "UnknownAssignment", "import_scores"]
