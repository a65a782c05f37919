import pytest

from orgchart import chain_of_command, load_rows, team_size

ROWS = """
ceo;Ada;CEO;
cto;Grace;CTO;ceo
cfo;Katherine;CFO;ceo
dev1;Linus;Engineer;cto
dev2;Guido;Engineer;cto
acc1;Luca;Accountant;cfo
""".splitlines()


@pytest.fixture
def chart():
    return load_rows(ROWS)


def test_load_rows(chart):
    assert len(chart) == 6
    assert [e.id for e in chart.reports_of("cto")] == ["dev1", "dev2"]
    assert [e.id for e in chart.roots()] == ["ceo"]


def test_unknown_manager_rejected():
    with pytest.raises(ValueError):
        load_rows(["a;A;Boss;", "b;B;Dev;zzz"])


def test_chain_of_command(chart):
    assert [e.id for e in chain_of_command(chart, "dev2")] == ["cto", "ceo"]
    assert chain_of_command(chart, "ceo") == []


def test_team_size_of_whole_company(chart):
    assert team_size(chart, "ceo") == 6


def test_team_size_of_engineering(chart):
    assert team_size(chart, "cto") == 3
