"""How fix-all combines fixes: identical edits once, a fix colliding with an earlier one left out
whole. (The end-to-end fix-all is in test_server_actions.py.)"""

from __future__ import annotations

from bnlint.server.actions import merge_fixes


def edit(line: int, start: int, end: int, text: str) -> dict:
    return {
        "range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}},
        "newText": text,
    }


def fix(*edits: dict, uri: str = "file:///m.py") -> dict:
    return {"title": "t", "preferred": True, "suppression": False, "changes": [{"uri": uri, "version": 3, "edits": list(edits)}]}


def test_identical_edits_are_applied_once():
    shared = edit(0, 5, 5, ", is_training=t")
    merged = merge_fixes([fix(shared), fix(shared, edit(4, 0, 0, "x"))])
    assert merged == [{"uri": "file:///m.py", "version": 3, "edits": [shared, edit(4, 0, 0, "x")]}]


def test_a_fix_colliding_with_an_earlier_one_is_left_out_whole():
    first = fix(edit(1, 0, 10, "a"))
    overlapping = fix(edit(1, 5, 12, "b"), edit(7, 0, 0, "c"))  # its second edit alone would fit
    same_insertion_point = fix(edit(1, 0, 0, "d"))
    independent = fix(edit(2, 0, 0, "e"))
    merged = merge_fixes([first, overlapping, same_insertion_point, independent])
    assert merged[0]["edits"] == [edit(1, 0, 10, "a"), edit(2, 0, 0, "e")]


def test_adjacent_edits_do_not_collide_and_documents_are_separate():
    merged = merge_fixes([fix(edit(0, 0, 4, "a")), fix(edit(0, 4, 8, "b")), fix(edit(0, 0, 4, "z"), uri="file:///n.py")])
    assert [(m["uri"], len(m["edits"])) for m in merged] == [("file:///m.py", 2), ("file:///n.py", 1)]
