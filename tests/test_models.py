"""The model records, the scripted model and the backend registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from homeostasis.core.errors import ModelError, UsageError
from homeostasis.core.registry import MODELS, PROPOSERS, resolve
from homeostasis.models import Completion, Message, ModelRequest, ScriptedModel
from homeostasis.models.backends import load_model


def request(n: int = 1, text: str = "hi") -> ModelRequest:
    return ModelRequest((Message("user", text),), n=n)


# ── records ──────────────────────────────────────────────────────────────────────────────────


def test_request_rejects_zero_completions() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ModelRequest((), n=0)


def test_completion_defaults_to_a_whole_free_reply() -> None:
    c = Completion("x")
    assert (c.finish_reason, c.usage.input_tokens, c.usage.cost) == ("stop", 0, 0.0)


# ── ScriptedModel ────────────────────────────────────────────────────────────────────────────


def test_scripted_model_returns_replies_in_order_and_records_requests() -> None:
    model = ScriptedModel(["one", "two", "three"])
    first, second = request(1, "a"), request(2, "b")
    assert [c.text for c in model.complete(first)] == ["one"]
    assert [c.text for c in model.complete(second)] == ["two", "three"]
    assert model.history == [first, second]
    assert model.remaining == 0


def test_scripted_model_does_not_cycle_when_replies_run_out() -> None:
    model = ScriptedModel(["only"])
    model.complete(request())
    with pytest.raises(ModelError, match=r"no more replies \(1 given\)"):
        model.complete(request())


def test_scripted_model_refuses_a_request_larger_than_what_is_left() -> None:
    model = ScriptedModel(["a", "b"])
    with pytest.raises(ModelError, match=r"\(2 given\)"):
        model.complete(request(3))
    assert [c.text for c in model.complete(request(2))] == ["a", "b"]


def test_scripted_model_keeps_given_completions_as_they_are() -> None:
    cut = Completion("half a rep", finish_reason="length")
    assert ScriptedModel([cut]).complete(request()) == [cut]


def test_from_file_reads_a_json_list(tmp_path: Path) -> None:
    path = tmp_path / "replies.json"
    path.write_text(json.dumps(["first\n", "second"]), encoding="utf-8")
    model = ScriptedModel.from_file(path)
    assert [c.text for c in model.complete(request(2))] == ["first\n", "second"]


def test_from_file_splits_text_on_separator_lines(tmp_path: Path) -> None:
    path = tmp_path / "replies.txt"
    path.write_text(
        "fix one\ncalc.py\n=====REPLY=====\nfix two\n  =====REPLY===== inline stays\n"
        "=====REPLY=====\n",
        encoding="utf-8",
    )
    model = ScriptedModel.from_file(path)
    texts = [c.text for c in model.complete(request(2))]
    assert texts == ["fix one\ncalc.py\n", "fix two\n  =====REPLY===== inline stays\n"]
    assert model.remaining == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "[1, 2", "not valid JSON"),
        ("dict.json", '{"a": "b"}', "JSON list of strings"),
        ("numbers.json", "[1, 2]", "JSON list of strings"),
        ("empty.txt", "\n=====REPLY=====\n  \n", "holds no replies"),
    ],
)
def test_from_file_rejects_bad_files_in_one_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as info:
        ScriptedModel.from_file(path)
    assert "\n" not in str(info.value)


def test_from_file_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"cannot read scripted replies .*missing\.txt"):
        ScriptedModel.from_file(tmp_path / "missing.txt")


# ── registry ─────────────────────────────────────────────────────────────────────────────────


def test_resolve_finds_a_backend_by_name() -> None:
    assert resolve("model", MODELS, "mock") is ScriptedModel


def test_resolve_accepts_a_dotted_path() -> None:
    assert resolve("model", MODELS, "homeostasis.models.mock.ScriptedModel") is ScriptedModel


def test_resolve_finds_the_llm_proposer() -> None:
    from homeostasis.propose.llm.proposer import LLMProposer

    assert resolve("proposer", PROPOSERS, "llm") is LLMProposer


def test_resolve_lists_valid_names_for_an_unknown_one() -> None:
    with pytest.raises(UsageError, match="unknown proposer 'magic'") as info:
        resolve("proposer", PROPOSERS, "magic")
    assert "llm, templates" in str(info.value)


@pytest.mark.parametrize(
    "name", ["no_such_module_xyz.Thing", "homeostasis.models.mock.NoSuchThing"]
)
def test_resolve_reports_a_dotted_path_that_does_not_import(name: str) -> None:
    with pytest.raises(UsageError, match="cannot load model"):
        resolve("model", MODELS, name)


def test_load_model_mock_reads_the_replies_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("hello\n", encoding="utf-8")
    model = load_model(f"mock:{path}")
    assert isinstance(model, ScriptedModel)
    assert [c.text for c in model.complete(request())] == ["hello\n"]


def test_load_model_mock_needs_a_path() -> None:
    with pytest.raises(UsageError, match="replies file"):
        load_model("mock")


def test_load_model_unknown_name_lists_valid_names() -> None:
    with pytest.raises(UsageError, match="unknown model 'gpt-9'") as info:
        load_model("gpt-9:whatever")
    assert "mock" in str(info.value)


def test_load_model_rejects_something_that_is_not_a_model() -> None:
    with pytest.raises(UsageError, match="is not a model"):
        load_model("collections.OrderedDict")


def test_load_model_rejects_a_malformed_base_url_before_any_request() -> None:
    with pytest.raises(UsageError, match=r"^invalid base URL 'htp:/nohost': ") as info:
        load_model("openai:qwen2.5-coder", {"base_url": "htp:/nohost"})
    assert "\n" not in str(info.value)
