from clusters import assign, kmeans, nearest


def test_tie_goes_to_the_lowest_index():
    assert nearest((0, 0), [(2, 0), (0, 2), (-2, 0)]) == 0


def test_nearest_is_an_index_for_any_distance():
    centroids = [(0, 0), (100, 0), (0, 100), (100, 100)]
    assert [nearest(p, centroids) for p in [(1, 1), (99, 2), (3, 97), (60, 70), (2.5, 0)]] == [
        0, 1, 2, 3, 0]


def test_assign_in_three_dimensions():
    assert assign([(0, 0, 9), (9, 0, 0), (0, 0, 0)], [(0, 0, 0), (0, 0, 10), (10, 0, 0)]) == [
        1, 2, 0]


def test_one_dimensional_clusters_and_members():
    points = [(1,), (30,), (60,), (2,), (31,), (3,)]
    result = kmeans(points, 3)
    assert result.labels == [0, 1, 2, 0, 1, 0]
    assert result.members(0, points) == [(1,), (2,), (3,)]
    assert result.centroids == [(2.0,), (30.5,), (60.0,)]
