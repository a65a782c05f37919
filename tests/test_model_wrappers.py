"""The wrappers around every model: the JSON-only cache, record and replay, budgets and
prices, token counting online and offline, and redaction before sending."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest
from homeostasis.core.config import load_settings
from homeostasis.core.errors import ModelError, UsageError
from homeostasis.models.base import Completion, Message, ModelRequest, Usage
from homeostasis.models.budget import BudgetedModel, BudgetExceeded, SpendingLimits
from homeostasis.models.cache import CachedModel, default_cache_dir
from homeostasis.models.cassette import RecordingModel, ReplayModel
from homeostasis.models.catalog import cost_of, price_of, window_of
from homeostasis.models.fingerprint import request_key
from homeostasis.models.mock import ScriptedModel
from homeostasis.models.redacting import RedactingModel
from homeostasis.models.stack import ModelOptions, build_model
from homeostasis.models.tokens import TokenCounter


def ask(text: str = "fix calc.py", n: int = 1, max_tokens: int = 100) -> ModelRequest:
    return ModelRequest((Message("system", "You repair code."), Message("user", text)), n=n,
                        max_tokens=max_tokens)


def scripted(*replies: str, name: str = "openai:gpt-4o", tokens: tuple[int, int] = (0, 0)
             ) -> ScriptedModel:
    usage = Usage(*tokens)
    return ScriptedModel([Completion(r, "stop", usage) for r in replies], name=name)


# ── cache ────────────────────────────────────────────────────────────────────────────────

def test_an_identical_request_is_answered_from_the_cache(tmp_path: Path) -> None:
    inner = scripted("first answer", "second answer", tokens=(10, 5))
    cache = CachedModel(inner, tmp_path / "cache")
    assert [c.text for c in cache.complete(ask())] == ["first answer"]
    again = cache.complete(ask())
    assert [c.text for c in again] == ["first answer"]
    assert again[0].usage.cost == 0 and again[0].usage.input_tokens == 10
    assert len(inner.history) == 1 and (cache.hits, cache.misses) == (1, 1)
    assert [c.text for c in cache.complete(ask("another prompt"))] == ["second answer"]
    cache.close()
    # a new process (a new cache object on the same folder) is answered too
    reopened = CachedModel(scripted(name="openai:gpt-4o"), tmp_path / "cache")
    assert [c.text for c in reopened.complete(ask())] == ["first answer"]
    reopened.close()


def test_the_cache_stores_json_never_pickle(tmp_path: Path) -> None:
    cache = CachedModel(scripted("hello"), tmp_path / "cache")
    cache.complete(ask())
    cache.close()
    with sqlite3.connect(tmp_path / "cache" / "cache.db") as db:
        rows = db.execute("SELECT key, value FROM Cache").fetchall()
    assert len(rows) == 1
    key, value = (json.loads(zlib.decompress(b) if isinstance(b, bytes) else b) for b in rows[0])
    assert key == request_key("openai:gpt-4o", ask())
    assert value[0]["text"] == "hello"


def test_truncated_replies_are_not_cached(tmp_path: Path) -> None:
    inner = ScriptedModel([Completion("cut", "length"), Completion("whole")], name="m")
    cache = CachedModel(inner, tmp_path / "cache")
    assert cache.complete(ask())[0].finish_reason == "length"
    assert cache.complete(ask())[0].text == "whole"
    cache.close()


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("HOMEOSTASIS_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("HOMEOSTASIS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "homeostasis" / "models"


def test_the_key_covers_model_messages_and_sampling() -> None:
    base = request_key("openai:gpt-4o", ask())
    assert base == request_key("openai:gpt-4o", ask())
    assert base != request_key("anthropic:claude-sonnet-4", ask())
    assert base != request_key("openai:gpt-4o", ask("other"))
    assert base != request_key("openai:gpt-4o", ask(n=2))
    assert base != request_key("openai:gpt-4o", ask(max_tokens=99))


# ── record / replay ─────────────────────────────────────────────────────────────────────

def test_a_recorded_session_replays_and_an_unseen_request_fails_loudly(tmp_path: Path) -> None:
    recorder = RecordingModel(scripted("A", "B", tokens=(7, 3)), tmp_path / "rec")
    recorder.complete(ask("one"))
    recorder.complete(ask("two"))
    files = sorted((tmp_path / "rec").glob("*.json"))
    assert len(files) == 2
    saved = json.loads(files[0].read_text())
    assert saved["request"]["model"] == "openai:gpt-4o" and "messages" in saved["request"]
    replay = ReplayModel.from_spec(str(tmp_path / "rec"))
    assert replay.name == "openai:gpt-4o"
    assert replay.complete(ask("two"))[0].text == "B"
    assert replay.complete(ask("one"))[0].usage.input_tokens == 7
    with pytest.raises(ModelError, match="no recorded reply for this request"):
        replay.complete(ask("three"))


def test_replay_needs_a_folder_of_one_model(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no recordings folder"):
        ReplayModel(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no models"):
        ReplayModel(tmp_path / "empty")


# ── budget and prices ────────────────────────────────────────────────────────────────────

def test_prices_windows_and_cost() -> None:
    assert price_of("openai:gpt-4o-2024-08-06") == price_of("gpt-4o")
    assert price_of("openai:gpt-4o-mini") != price_of("openai:gpt-4o")
    assert price_of("openai:my-local-llama") is None
    assert cost_of("anthropic:claude-sonnet-4-20250514", 1_000_000, 0) == pytest.approx(3.0)
    assert window_of("anthropic:claude-opus-4-1") == 200_000
    assert window_of("openai:mystery") == 16_384


def test_the_budget_stops_a_call_before_it_can_pass_a_limit() -> None:
    counter = TokenCounter("m", load=lambda _: _Words())
    calls = BudgetedModel(scripted("a", "b", "c"), SpendingLimits(calls=2), counter=counter)
    calls.complete(ask())
    calls.complete(ask())
    with pytest.raises(BudgetExceeded, match="call limit reached"):
        calls.complete(ask())
    tokens = BudgetedModel(scripted("a", "b", tokens=(50, 20)), SpendingLimits(tokens=300),
                           counter=counter)
    tokens.complete(ask(max_tokens=100))  # at most 100 + a few prompt tokens: allowed
    assert tokens.spent.tokens == 70
    with pytest.raises(BudgetExceeded, match="token limit"):
        tokens.complete(ask(max_tokens=250))
    assert tokens.spent.calls == 1


def test_dollars_are_counted_from_the_price_table_and_capped() -> None:
    counter = TokenCounter("m", load=lambda _: _Words())
    model = BudgetedModel(scripted("a", "b", tokens=(100_000, 10_000)),
                          SpendingLimits(dollars=0.5), counter=counter)
    reply = model.complete(ask(max_tokens=1000))
    assert reply[0].usage.cost == pytest.approx(0.25 + 0.10)  # gpt-4o: $2.50 in, $10 out
    assert model.spent.dollars == pytest.approx(0.35)
    with pytest.raises(BudgetExceeded, match="dollar limit"):
        model.complete(ask(max_tokens=20_000))  # up to $0.20 more: over $0.50


def test_an_unknown_price_is_zero_with_a_warning() -> None:
    said: list[str] = []
    model = BudgetedModel(scripted("a", name="openai:local-llama", tokens=(10, 10)),
                          SpendingLimits(), warn=said.append,
                          counter=TokenCounter("m", load=lambda _: _Words()))
    assert model.complete(ask())[0].usage.cost == 0
    assert said == ["no price known for openai:local-llama: its cost is counted as $0 "
                    "(token and call limits still apply)"]


LOCAL = "http://127.0.0.1:8000/v1"  # never asked: these stacks make no call


def test_a_dollar_limit_without_a_known_price_refuses_to_start() -> None:
    """Counted as $0, the model could never reach the limit: it would not bind at all."""
    options = ModelOptions("openai:local-llama", base_url=LOCAL, max_dollars=1.0, cache=False)
    with pytest.raises(UsageError) as caught:
        build_model(options, warn=lambda _: None)
    assert str(caught.value) == (
        "no price known for openai:local-llama, so max_dollars cannot be enforced (give its "
        "price in dollars per million tokens: --price-input and --price-output, or "
        "price_input and price_output in [tool.homeostasis])")


def test_a_price_given_in_the_settings_is_the_one_charged() -> None:
    said: list[str] = []
    options = ModelOptions("openai:local-llama", base_url=LOCAL, max_dollars=0.5,
                           price_input=2.5, price_output=10.0, cache=False)
    assert build_model(options, warn=said.append).budget.price == (2.5, 10.0)
    assert said == []  # no "no price known" warning either
    counter = TokenCounter("m", load=lambda _: _Words())
    model = BudgetedModel(scripted("a", "b", name="openai:local-llama", tokens=(100_000, 10_000)),
                          SpendingLimits(dollars=0.5), counter=counter, price=(2.5, 10.0))
    assert model.complete(ask(max_tokens=1000))[0].usage.cost == pytest.approx(0.35)
    with pytest.raises(BudgetExceeded, match="dollar limit"):
        model.complete(ask(max_tokens=20_000))  # up to $0.20 more: over $0.50
    known = BudgetedModel(scripted("a", tokens=(100_000, 10_000)), SpendingLimits(),
                          counter=counter, price=(1.0, 1.0))  # gpt-4o, at a negotiated price
    assert known.complete(ask())[0].usage.cost == pytest.approx(0.11)


def test_half_a_price_is_refused() -> None:
    options = ModelOptions("openai:local-llama", base_url=LOCAL, price_input=1.0, cache=False)
    with pytest.raises(UsageError, match="price_input is set but not price_output"):
        build_model(options, warn=lambda _: None)


def test_answers_from_files_need_no_price_under_a_dollar_limit(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("hello\n", encoding="utf-8")
    stack = build_model(ModelOptions(f"mock:{replies}", max_dollars=0.01), warn=lambda _: None)
    stack.model.complete(ask())
    assert stack.usage()["dollars"] == 0


def test_prices_are_settings_from_the_file_or_the_environment(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.homeostasis]\nprice_input = 0.15\nprice_output = 0.6\n", encoding="utf-8")
    settings = load_settings(tmp_path, {"HOMEOSTASIS_PRICE_OUTPUT": "0.75"}, {})
    assert (settings.price_input, settings.price_output) == (0.15, 0.75)
    with pytest.raises(UsageError, match="price_input"):
        load_settings(None, {"HOMEOSTASIS_PRICE_INPUT": "-1"}, {})


# ── tokens ───────────────────────────────────────────────────────────────────────────────

class _Words:
    """A stand-in tiktoken Encoding: one token per word."""

    def encode(self, text: str, disallowed_special: Any = ()) -> list[int]:
        return list(range(len(text.split())))


def test_tokens_are_counted_with_the_encoding_when_it_loads() -> None:
    said: list[str] = []
    counter = TokenCounter("openai:gpt-4o", load=lambda _: _Words(), warn=said.append)
    assert counter.count("one two three") == 3
    assert not counter.estimated and said == []


def test_offline_the_count_is_an_estimate_said_once() -> None:
    said: list[str] = []

    def offline(_: str) -> Any:
        raise ConnectionError("no network")

    counter = TokenCounter("openai:gpt-4o", load=offline, warn=said.append)
    assert counter.count("x" * 40) == 10
    assert counter.count("y" * 8) == 2
    assert counter.estimated
    assert len(said) == 1 and "estimates" in said[0] and "ConnectionError" in said[0]


def test_the_real_tiktoken_loader_degrades_offline(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """tiktoken's own loader, with an empty cache folder and no network here: an estimate."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    import tiktoken.registry

    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.setattr("requests.Session.request", _refuse)
    monkeypatch.setattr("requests.get", _refuse)
    said: list[str] = []
    counter = TokenCounter("openai:gpt-4o", warn=said.append)
    assert counter.count("abcd" * 3) == 3
    assert counter.estimated and len(said) == 1


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise ConnectionError("the network is not reachable from the tests")


# ── redaction ────────────────────────────────────────────────────────────────────────────

def test_secrets_never_reach_the_model_and_are_reported() -> None:
    inner = scripted("ok", "ok again")
    model = RedactingModel(inner)
    prompt = 'settings.py\nAPI_KEY = "sk-abcdefghijklmnopqrstuvwxyz0123"\nDEBUG = True\n'
    model.complete(ask(prompt))
    sent = inner.history[0].messages[1].content
    assert "sk-abcdef" not in sent and "[REDACTED]" in sent and "DEBUG = True" in sent
    assert [(f.where, f.line, f.kind) for f in model.findings] == [
        ("message 2 (user)", 2, "OpenAI key")]
    model.complete(ask(prompt))  # the same prompt again is not a new finding
    assert len(model.findings) == 1


def test_a_pickled_row_in_the_cache_is_refused_never_loaded(tmp_path: Path) -> None:
    """diskcache's JSONDisk would unpickle a row marked as pickle; this cache refuses it."""
    import pickle

    cache = CachedModel(scripted("stored", "fresh"), tmp_path / "cache")
    cache.complete(ask())
    cache.close()
    marker = tmp_path / "pwned"
    evil = pickle.dumps(_Touch(str(marker)))
    with sqlite3.connect(tmp_path / "cache" / "cache.db") as db:
        db.execute("UPDATE Cache SET value = ?, mode = 4", (evil,))  # 4: diskcache's pickle
    inner = scripted("fresh")
    again = CachedModel(inner, tmp_path / "cache")
    assert again.complete(ask())[0].text == "fresh"  # a miss: the model was asked
    assert not marker.exists() and len(inner.history) == 1
    again.close()


class _Touch:
    """Unpickling it creates a file: the proof that pickle ran."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (Path.write_text, (Path(self.path), "pwned"))


def test_a_count_that_is_not_the_models_own_leaves_room() -> None:
    """Claude's prompts are counted with an OpenAI encoding (or estimated): the bound grows by
    a margin so that it stays a bound."""
    counter = TokenCounter("m", load=lambda _: _Words())
    prompt = counter.count_messages([m.content for m in ask("word " * 89).messages])
    assert prompt == 100
    openai = BudgetedModel(scripted("a"), SpendingLimits(tokens=200), counter=counter)
    openai.complete(ask("word " * 89, max_tokens=100))  # 100 + 100: allowed
    claude = BudgetedModel(scripted("a", name="anthropic:claude-sonnet-4"),
                           SpendingLimits(tokens=200), counter=counter)
    with pytest.raises(BudgetExceeded, match="token limit"):
        claude.complete(ask("word " * 89, max_tokens=100))  # 130 + 100: over
