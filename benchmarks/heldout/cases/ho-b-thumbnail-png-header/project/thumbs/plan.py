"""Deciding the thumbnail size of each image in a batch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from thumbs.png import InvalidImage, ImageInfo, read_info


def fit(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """Scale to fit in the box keeping the aspect ratio; never enlarge."""
    scale = min(max_width / width, max_height / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


@dataclass(frozen=True)
class ThumbnailJob:
    name: str
    source: ImageInfo
    size: tuple[int, int]
    format: str  # "png" keeps transparency, "jpeg" otherwise


def plan_thumbnails(files: Mapping[str, bytes], box: tuple[int, int] = (256, 256)
                    ) -> tuple[list[ThumbnailJob], list[str]]:
    """One job per readable image, by name; the names of unreadable files are skipped."""
    jobs: list[ThumbnailJob] = []
    skipped: list[str] = []
    for name in sorted(files):
        try:
            info = read_info(files[name])
        except InvalidImage:
            skipped.append(name)
            continue
        size = fit(info.width, info.height, *box)
        jobs.append(ThumbnailJob(name, info, size, "png" if info.has_alpha else "jpeg"))
    return jobs, skipped
