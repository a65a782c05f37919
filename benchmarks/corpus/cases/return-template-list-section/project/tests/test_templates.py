import pytest

from minitpl import Template, TemplateSyntaxError, render


def test_variables_are_escaped():
    assert render("Hi {{name}}!", {"name": "<Ann>"}) == "Hi &lt;Ann&gt;!"
    assert render("{{{raw}}}", {"raw": "<b>"}) == "<b>"


def test_dotted_names_and_missing_values():
    assert render("{{user.city}}/{{user.zip}}", {"user": {"city": "Oslo"}}) == "Oslo/"


def test_boolean_and_inverted_sections():
    tpl = Template("{{#admin}}[admin]{{/admin}}{{^admin}}[user]{{/admin}}")
    assert tpl.render({"admin": True}) == "[admin]"
    assert tpl.render({"admin": False}) == "[user]"


def test_list_section_repeats():
    out = render("<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>",
                 {"items": [{"name": "tea"}, {"name": "jam"}]})
    assert out == "<ul><li>tea</li><li>jam</li></ul>"


def test_list_of_plain_values():
    assert render("{{#tags}}#{{.}} {{/tags}}", {"tags": ["a", "b", "c"]}) == "#a #b #c "


def test_unclosed_section():
    with pytest.raises(TemplateSyntaxError):
        Template("{{#x}}open")
