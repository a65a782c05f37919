"""Breadth-first search through text mazes: '#' walls, 'S' start, 'G' goal."""
from collections import deque
from typing import Dict, List, Optional, Tuple

Cell = Tuple[int, int]


def parse(text: str) -> Tuple[List[str], Cell, Cell]:
    grid = [line for line in text.splitlines() if line]
    start = goal = None
    for r, row in enumerate(grid):
        for c, ch in enumerate(row):
            if ch == "S":
                start = (r, c)
            elif ch == "G":
                goal = (r, c)
    if start is None or goal is None:
        raise ValueError("maze needs an S and a G")
    if len({len(row) for row in grid}) != 1:
        raise ValueError("maze rows must have equal length")
    return grid, start, goal


def shortest_path(grid: List[str], start: Cell, goal: Cell) -> Optional[List[Cell]]:
    rows, cols = len(grid), len(grid[0])
    came_from: Dict[Cell, Optional[Cell]] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == goal:
            path = []
            while cell is not None:
                path.append(cell)
                cell = came_from[cell]
            return path[::-1]
        r, c = cell
        for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in came_from:
                came_from[(nr, nc)] = cell
                queue.append((nr, nc))
    return None


def solve(text: str) -> Optional[int]:
    """Number of steps from S to G, or None when G cannot be reached."""
    grid, start, goal = parse(text)
    path = shortest_path(grid, start, goal)
    return None if path is None else len(path) - 1
