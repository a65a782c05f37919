from groups.dsu import DisjointSet, friend_circles


def test_singletons():
    ds = DisjointSet("abc")
    assert not ds.connected("a", "b")
    assert len(ds.groups()) == 3


def test_chain_of_new_members():
    ds = DisjointSet()
    ds.union("a", "b")
    ds.union("a", "c")
    ds.union("a", "d")
    assert ds.connected("b", "d")


def test_union_reports_already_joined():
    ds = DisjointSet()
    assert ds.union(1, 2)
    assert not ds.union(2, 1)


def test_merging_two_groups():
    ds = DisjointSet()
    ds.union("a", "b")
    ds.union("c", "d")
    ds.union("b", "d")
    assert ds.connected("a", "c")


def test_friend_circles():
    pairs = [("ann", "bob"), ("cat", "dan"), ("eve", "cat"), ("bob", "eve"), ("fay", "gus")]
    assert friend_circles(pairs) == [{"ann", "bob", "cat", "dan", "eve"}, {"fay", "gus"}]
