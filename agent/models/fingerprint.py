"""Requests and replies as plain JSON: the key a cache or a cassette files a request under, and
the form replies are stored in (JSON only — never pickle)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from homeostasis.models.base import Completion, ModelRequest, Usage


def request_json(model: str, request: ModelRequest) -> dict[str, Any]:
    """Everything that decides a reply: the model, the messages and the sampling parameters."""
    return {
        "model": model,
        "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        "n": request.n,
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
    }


def request_key(model: str, request: ModelRequest) -> str:
    """A stable hash of :func:`request_json`: the same request in another checkout, run or
    process gets the same key (prompts carry no absolute paths, run ids or times)."""
    canonical = json.dumps(request_json(model, request), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def completions_json(completions: list[Completion]) -> list[dict[str, Any]]:
    return [{"text": c.text, "finish_reason": c.finish_reason,
             "usage": {"input_tokens": c.usage.input_tokens,
                       "output_tokens": c.usage.output_tokens, "cost": c.usage.cost}}
            for c in completions]


def completions_from_json(data: Any, *, free: bool = False) -> list[Completion]:
    """Completions read back; ``free`` zeroes the cost (a cached answer costs nothing)."""
    if not isinstance(data, list):
        raise ValueError("stored replies must be a JSON list")
    out = []
    for item in data:
        usage = item.get("usage", {})
        out.append(Completion(
            str(item["text"]), str(item.get("finish_reason", "stop")),
            Usage(int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0)),
                  0.0 if free else float(usage.get("cost", 0.0)))))
    return out
