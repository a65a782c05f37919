"""A reference model on random operations, and updating the least recent key:
rules out fixes that skip eviction but forget to refresh an updated key."""
import random
from collections import OrderedDict

from lru import LRUCache


def test_update_least_recent_key_refreshes_it():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("a", 10)
    assert len(c) == 2
    c.put("c", 3)
    assert c.keys() == ["a", "c"]


def test_random_against_model():
    rng = random.Random(10)
    for _ in range(50):
        cap = rng.randint(1, 4)
        c, model = LRUCache(cap), OrderedDict()
        for _ in range(60):
            k = rng.randint(0, 6)
            if rng.random() < 0.5:
                c.put(k, k * 2)
                model[k] = k * 2
                model.move_to_end(k)
                if len(model) > cap:
                    model.popitem(last=False)
            else:
                got = c.get(k)
                if k in model:
                    model.move_to_end(k)
                assert got == model.get(k)
            assert c.keys() == list(model)
