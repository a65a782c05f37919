import pytest

from stackvm import Machine, VMError, run, tokenize


@pytest.mark.parametrize("program", ["drop", "dup", "1 swap", "3 -", "4 *", "9 /", "1 . ."])
def test_every_word_reports_underflow(program):
    with pytest.raises(VMError, match="stack underflow"):
        run(program)


def test_underflow_inside_a_definition():
    with pytest.raises(VMError, match="stack underflow"):
        run(": twice dup + ; twice")


def test_machine_stays_usable_after_an_error():
    m = Machine()
    with pytest.raises(VMError):
        m.execute(tokenize("+"))
    m.execute(tokenize("2 3 +"))
    assert m.stack == [5]


def test_exact_number_of_values_is_fine():
    assert run("1 2 + .").output == [3]
    assert run("1 drop").stack == []
