"""Order build targets so that every target comes after its prerequisites."""
from collections import deque
from typing import Dict, Iterable, List


class CycleError(ValueError):
    def __init__(self, nodes: Iterable[str]):
        self.nodes = set(nodes)
        super().__init__("dependency cycle among: " + ", ".join(sorted(self.nodes)))


def build_order(deps: Dict[str, List[str]]) -> List[str]:
    """Topological order of the targets in ``deps`` (target -> prerequisites).

    Prerequisites that are not targets themselves are included too. Among targets that
    are ready at the same time, the alphabetically first one goes first.
    Raises CycleError, naming the targets that can never be built, if there is a cycle.
    """
    nodes = set(deps)
    for reqs in deps.values():
        nodes.update(reqs)
    indegree = {n: 0 for n in nodes}
    dependents: Dict[str, List[str]] = {n: [] for n in nodes}
    for target, reqs in deps.items():
        for req in set(reqs):
            indegree[target] += 1
            dependents[req].append(target)

    ready = deque(sorted(n for n in nodes if indegree[n] == 0))
    order: List[str] = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for nxt in sorted(dependents[node]):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(nodes):
        raise CycleError(nodes - set(order))
    return order


def parse_makefile_deps(text: str) -> Dict[str, List[str]]:
    """Parse lines of the form ``target: dep1 dep2``."""
    deps: Dict[str, List[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target, _, rest = line.partition(":")
        deps.setdefault(target.strip(), []).extend(rest.split())
    return deps
