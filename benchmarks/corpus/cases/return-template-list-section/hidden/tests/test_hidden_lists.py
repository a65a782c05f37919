from minitpl import render


def test_empty_list_renders_nothing_and_inverts():
    tpl = "{{#rows}}x{{/rows}}{{^rows}}no rows{{/rows}}"
    assert render(tpl, {"rows": []}) == "no rows"
    assert render(tpl, {"rows": [1, 2]}) == "xx"


def test_nested_lists_see_outer_names():
    tpl = "{{#groups}}{{title}}:{{#members}} {{name}}@{{domain}}{{/members}};{{/groups}}"
    ctx = {
        "domain": "ex.org",
        "groups": [
            {"title": "ops", "members": [{"name": "ann"}, {"name": "bo"}]},
            {"title": "dev", "members": [{"name": "cy", "domain": "dev.ex.org"}]},
        ],
    }
    assert render(tpl, ctx) == "ops: ann@ex.org bo@ex.org;dev: cy@dev.ex.org;"


def test_list_items_are_escaped():
    assert render("{{#xs}}{{.}}|{{/xs}}", {"xs": ["<a>", "&"]}) == "&lt;a&gt;|&amp;|"


def test_tuple_section():
    assert render("{{#pair}}({{.}}){{/pair}}", {"pair": (1, 2)}) == "(1)(2)"
