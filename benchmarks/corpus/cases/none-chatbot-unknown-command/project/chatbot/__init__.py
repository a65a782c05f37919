"""A chat bot that answers slash commands such as ``/roll 2d6``."""

from chatbot.bot import Bot, Reply
from chatbot.commands import Command, Registry
from chatbot.builtin import install_builtins

__all__ = ["Bot", "Command", "Registry", "Reply", "install_builtins"]
