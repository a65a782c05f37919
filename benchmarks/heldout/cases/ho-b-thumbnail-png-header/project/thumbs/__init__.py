"""Planning thumbnails for uploaded PNG images from their header metadata."""

from thumbs.plan import ThumbnailJob, fit, plan_thumbnails
from thumbs.png import InvalidImage, ImageInfo, read_info

__all__ = ["ImageInfo", "InvalidImage", "ThumbnailJob", "fit", "plan_thumbnails", "read_info"]
