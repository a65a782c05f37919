import pytest

from clusters import distance, kmeans, mean, nearest


def test_distance_and_mean():
    assert distance((0, 0), (3, 4)) == 5
    assert mean([(0, 0), (2, 4), (4, 2)]) == (2, 2)
    with pytest.raises(ValueError):
        distance((0, 0), (1, 2, 3))


def test_nearest_centroid():
    assert nearest((0.9, 1.2), [(5, 5), (1, 1), (-3, 0)]) == 1


def test_two_clear_groups():
    points = [(0, 0), (10, 10), (0, 1), (1, 0), (10, 11), (11, 10)]
    result = kmeans(points, 2)
    assert result.labels == [0, 1, 0, 0, 1, 1]
    assert result.centroids[1] == pytest.approx((31 / 3, 31 / 3))


def test_k_larger_than_distinct_points():
    with pytest.raises(ValueError):
        kmeans([(1, 1), (1, 1), (2, 2)], 3)


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        kmeans([(1, 1)], 0)
