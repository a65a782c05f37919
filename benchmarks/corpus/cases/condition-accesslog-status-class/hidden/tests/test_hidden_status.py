import pytest

from logstats import status_class


@pytest.mark.parametrize("status,expected", [
    (100, "informational"), (199, "informational"),
    (200, "success"), (299, "success"),
    (300, "redirect"), (399, "redirect"),
    (400, "client_error"), (499, "client_error"),
    (500, "server_error"), (503, "server_error"), (599, "server_error"),
])
def test_class_boundaries(status, expected):
    assert status_class(status) == expected


@pytest.mark.parametrize("status", [99, 600, 0, -1])
def test_out_of_range(status):
    with pytest.raises(ValueError):
        status_class(status)
