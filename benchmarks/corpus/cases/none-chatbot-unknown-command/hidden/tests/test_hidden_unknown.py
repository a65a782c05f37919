from chatbot import Bot, Command


def test_unknown_command_without_arguments():
    reply = Bot().handle("/dance")
    assert reply is not None
    assert reply.error
    assert "/dance" in reply.text


def test_unknown_command_then_known_one():
    bot = Bot()
    assert bot.handle("/nope 1 2 3").error
    assert not bot.handle("/echo still alive").error


def test_commands_registered_later_are_found():
    bot = Bot()
    assert bot.handle("/ping").error
    bot.registry.register(Command("ping", lambda args: "pong", "health check"))
    reply = bot.handle("/ping")
    assert reply.text == "pong" and not reply.error
