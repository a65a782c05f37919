"""Properties on random text: no line longer than width (unless it is a single long
word), words preserved, and greedy: the next word would not have fit. Rules out
patches that over-correct (wrapping lines that fit exactly) or drop the space."""
import random

from textwrapper import wrap


def test_exact_fit_stays_on_one_line():
    assert wrap("ab cd", 5) == ["ab cd"]
    assert wrap("abc de fg", 6) == ["abc de", "fg"]


def test_random_properties():
    rng = random.Random(13)
    for _ in range(300):
        words = ["x" * rng.randint(1, 8) for _ in range(rng.randint(0, 15))]
        width = rng.randint(1, 20)
        lines = wrap(" ".join(words), width)
        assert " ".join(lines).split() == words
        for i, line in enumerate(lines):
            assert len(line) <= width or " " not in line
            if i + 1 < len(lines):
                nxt = lines[i + 1].split()[0]
                assert len(line) + 1 + len(nxt) > width
