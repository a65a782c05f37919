from docs_tools.toc import anchor, heading_level, headings, toc

DOC = """# Guide
Intro text.

## Install
```
# not a heading
```
### From source
## Usage
"""


def test_levels():
    assert heading_level("## Install") == 2
    assert heading_level("#hashtag") == 0
    assert heading_level("plain") == 0


def test_anchor():
    assert anchor("From source!") == "from-source"


def test_toc_nesting():
    assert toc(DOC).splitlines() == [
        "- [Guide](#guide)",
        "  - [Install](#install)",
        "    - [From source](#from-source)",
        "  - [Usage](#usage)",
    ]


def test_heading_with_hash_in_title():
    assert [h.title for h in headings("## C# tips\n# Issue #42\n")] == ["C# tips", "Issue #42"]
