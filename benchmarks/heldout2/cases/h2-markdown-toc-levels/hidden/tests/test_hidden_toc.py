"""Hash signs inside titles at several levels, closing hashes, and too-deep headings:
rules out patches that only strip one trailing '#' group from the title."""
from docs_tools.toc import heading_level, headings


def test_levels_with_hashes_in_text():
    assert heading_level("### F# and C# compared") == 3
    assert heading_level("# #1 priority") == 1
    assert heading_level("####### seven") == 0


def test_closing_hashes():
    assert [(h.level, h.title) for h in headings("## Setup ##\n### Step #2 ###\n")] == [
        (2, "Setup"), (3, "Step #2")]
