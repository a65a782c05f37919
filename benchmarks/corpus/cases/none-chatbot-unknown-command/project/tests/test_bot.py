import pytest

from chatbot import Bot, Command, Reply


def test_plain_messages_are_ignored():
    bot = Bot()
    assert bot.handle("hello everyone") is None
    assert bot.handle("/") is None


def test_echo_and_alias():
    bot = Bot()
    assert bot.handle("/echo hi  there") == Reply("hi there")
    assert bot.handle("/SAY hi") == Reply("hi")


def test_roll_is_reproducible_with_a_seed():
    assert Bot(seed=7).handle("/roll 3d6") == Bot(seed=7).handle("/r 3d6")


def test_roll_usage_errors():
    bot = Bot()
    assert bot.handle("/roll").error
    assert bot.handle("/roll lots").error


def test_help_lists_commands():
    assert Bot().handle("/help") == Reply("commands: /echo, /help, /roll")


def test_alias_clash_rejected():
    bot = Bot()
    with pytest.raises(ValueError):
        bot.registry.register(Command("dice", lambda args: "", "clash"))


def test_unknown_command_gets_an_error_reply():
    reply = Bot().handle("/weather berlin")
    assert reply is not None and reply.error
    assert "/weather" in reply.text
