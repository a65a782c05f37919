"""`homeostasis fix` with a real model backend — the official OpenAI and Anthropic SDKs talking
to a local server that speaks their wire formats: a repair end to end, the second run answered
from the cache, a recorded session replayed offline, and secrets kept from the model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (
    INVOICING_BUG,
    INVOICING_FIX,
    copy_example,
    edit_reply,
    read_json,
    run_cli,
)
from llm_server import LLMServer, anthropic_reply, openai_error, openai_reply

pytestmark = pytest.mark.e2e

PRICING = "invoicing/pricing.py"
REPLY = edit_reply(PRICING, INVOICING_BUG, INVOICING_FIX,
                   "Tiers apply from their minimum quantity: compare with >=.")
KEY = "sk-test-canary-0123456789abcdefghij"
SECRET = "sk-proj-THISISASECRETTHATMUSTNOTLEAVE00"


@pytest.fixture
def server() -> Iterator[LLMServer]:
    with LLMServer() as running:
        yield running


def fix(project: Path, tmp_path: Path, *args: str, key: str | None = KEY):
    env = {"HOMEOSTASIS_CACHE_DIR": str(tmp_path / "cache"), "HOMEOSTASIS_SAMPLES": "1"}
    if key:
        env.update(OPENAI_API_KEY=key, ANTHROPIC_API_KEY=key)
    return run_cli("fix", project, "--yes", "--no-cascade", "--rounds", "1", "--candidates", "3",
                   *args, env=env)


def fixed(project: Path) -> bool:
    return INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")


def key_nowhere(project: Path, server: LLMServer) -> None:
    for received in server.received:
        assert KEY not in received.raw.decode("utf-8")
    for path in (project / ".homeostasis").rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path


@pytest.mark.parametrize("backend", ["openai", "anthropic"])
def test_a_real_sdk_repairs_the_example_and_a_second_run_hits_the_cache(
    backend: str, server: LLMServer, tmp_path: Path
) -> None:
    url = f"{server.url}/v1" if backend == "openai" else server.url
    server.script(openai_reply(REPLY) if backend == "openai" else anthropic_reply(REPLY))
    first = copy_example("invoicing", tmp_path / "one")
    done = fix(first, tmp_path, "--model", f"{backend}:test-model", "--base-url", url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert fixed(first)
    assert f"Model: {backend}:test-model" in done.stdout
    (request,) = server.received
    body = request.body
    assert body["model"] == "test-model"
    text = json.dumps(body)
    assert "invoicing/pricing.py" in text and "test_tier_applies_from_its_minimum_quantity" in text
    assert str(first) not in text  # no absolute paths in the prompt
    (run,) = sorted((first / ".homeostasis" / "runs").iterdir())
    usage = read_json(run / "usage.json")
    assert usage["calls"] == 1 and usage["input_tokens"] > 0 and usage["cache_hits"] == 0
    key_nowhere(first, server)

    second = copy_example("invoicing", tmp_path / "two")  # another checkout, same failure
    again = fix(second, tmp_path, "--model", f"{backend}:test-model", "--base-url", url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert fixed(second)
    assert len(server.received) == 1  # nothing new reached the server
    assert "1 answered from the cache" in again.stdout


def test_a_recorded_session_replays_offline_with_no_key(server: LLMServer, tmp_path: Path
                                                        ) -> None:
    server.script(openai_reply(REPLY))
    recorded = copy_example("invoicing", tmp_path / "rec")
    cassette = tmp_path / "cassette"
    done = fix(recorded, tmp_path, "--model", "openai:test-model", "--base-url",
               f"{server.url}/v1", "--record", str(cassette), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list(cassette.glob("*.json"))) == 1
    server.stop()

    replayed = copy_example("invoicing", tmp_path / "replay")
    again = fix(replayed, tmp_path, "--model", f"replay:{cassette}", key=None)
    assert again.returncode == 0, again.stdout + again.stderr
    assert fixed(replayed)
    (one,) = sorted((recorded / ".homeostasis" / "runs").iterdir())
    (two,) = sorted((replayed / ".homeostasis" / "runs").iterdir())
    assert (one / "winner.diff").read_text() == (two / "winner.diff").read_text()

    other = copy_example("invoicing", tmp_path / "changed")
    (other / PRICING).write_text((other / PRICING).read_text().replace(
        "The most generous tier", "The best tier"))  # a different prompt
    miss = fix(other, tmp_path, "--model", f"replay:{cassette}", key=None)
    assert "The model stopped: no recorded reply for this request" in miss.stdout
    assert miss.returncode == 1


def test_secrets_in_the_code_are_redacted_before_sending(server: LLMServer, tmp_path: Path
                                                         ) -> None:
    project = copy_example("invoicing", tmp_path)
    pricing = project / PRICING
    pricing.write_text(pricing.read_text().replace(
        '    best: DiscountTier | None = None\n',
        f'    best: DiscountTier | None = None\n    api_key = "{SECRET}"\n'))
    server.script(openai_reply(REPLY))
    done = fix(project, tmp_path, "--model", "openai:test-model", "--base-url",
               f"{server.url}/v1", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    sent = server.received[0].raw.decode("utf-8")
    assert SECRET not in sent and "[REDACTED]" in sent
    assert "1 likely secret(s) redacted before sending (message 2 (user) line" in done.stdout


def test_a_budget_too_small_for_one_call_makes_none(server: LLMServer, tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    done = fix(project, tmp_path, "--model", "openai:gpt-4o", "--base-url", f"{server.url}/v1",
               "--max-tokens-total", "50")
    assert server.received == []
    assert "The model stopped: token limit" in done.stdout
    assert done.returncode == 1 and not fixed(project)


def test_an_unusable_key_is_one_line_and_never_shown(server: LLMServer, tmp_path: Path) -> None:
    server.script(openai_error(401, f"Incorrect API key provided: {KEY}",
                               type="invalid_request_error", code="invalid_api_key"))
    project = copy_example("invoicing", tmp_path)
    done = fix(project, tmp_path, "--model", "openai:test-model", "--base-url",
               f"{server.url}/v1", "--no-cache")
    assert "The model stopped:" in done.stdout and "check OPENAI_API_KEY" in done.stdout
    assert KEY not in done.stdout + done.stderr
    assert len(server.received) == 1
