"""Client for a REST API that pages results with offset/limit and reports a total."""
from typing import Any, Dict, Iterator, List, Protocol


class Transport(Protocol):
    def get(self, path: str, params: Dict[str, Any]) -> Dict[str, Any]:
        ...


class ApiError(Exception):
    pass


class Client:
    def __init__(self, transport: Transport, page_size: int = 100):
        self.transport = transport
        self.page_size = page_size

    def _page(self, resource: str, offset: int) -> Dict[str, Any]:
        body = self.transport.get(f"/{resource}", {"offset": offset, "limit": self.page_size})
        if "error" in body:
            raise ApiError(body["error"])
        return body

    def fetch_all(self, resource: str) -> List[Dict[str, Any]]:
        """Every item of a collection, following the pages until `total` is reached."""
        first = self._page(resource, 0)
        total = first["total"]
        items = list(first["items"])
        offset = len(items)
        while offset < total:
            page = self._page(resource, offset)
            items.extend(page["items"])
            offset += len(page["items"])
        return items

    def iter_ids(self, resource: str) -> Iterator[int]:
        for item in self.fetch_all(resource):
            yield item["id"]
