"""Files with thousands of findings: every diagnostic arrives, with its key in `data`, in the
client's encoding, and its fixes come through code actions; and a burst of edits during an
analysis is published once, for the newest version.

Expected diagnostics come from analyze() in this process, with positions converted by the
test's own helpers (lsp_session), not the server's. Nothing here is timed (bench/ measures).
"""

from __future__ import annotations

from bnlint.analysis import analyze
from bnlint.config import Config

from lsprotocol import types

from lsp_session import edits_by_uri, units

# Each function: four contrib batch norms without is_training (BN002: three fixes each) and a
# train op outside the update ops (BN001: related locations, a wrap fix). The scope strings
# hold non-ASCII and astral characters before the fixes' insertion points.
TOWER = '''
def tower_{i}(x, labels):
    h = tf.contrib.layers.batch_norm(x, scope="ü{i}")
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, 16), scope="𝛽{i}")
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, 32))
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, 64), scope="é𝛾{i}")
    loss = tf.losses.sparse_softmax_cross_entropy(labels, h)
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)
'''
MANY = "import tensorflow as tf\n" + "".join(TOWER.format(i=i) for i in range(1000))
SOME = "import tensorflow as tf\n" + "".join(TOWER.format(i=i) for i in range(200))


def client_range(lines: list[str], rng, encoding: str) -> tuple:
    def position(p):
        return (p.line, units(lines[p.line][: p.character], encoding))

    return (position(rng.start), position(rng.end))


def seen_range(rng) -> tuple:
    return ((rng.start.line, rng.start.character), (rng.end.line, rng.end.character))


async def test_five_thousand_findings_arrive_whole_with_their_fixes(session):
    await session.start(settings={"debounceMs": 0})
    uri = session.file("towers.py", MANY)
    session.open(uri, MANY)
    diagnostics = await session.diagnostics(uri, 1)

    expected = analyze(MANY, path=str(session.root / "towers.py"), config=Config()).findings
    assert len(expected) == 5000
    assert len(diagnostics) == len(expected)
    lines = MANY.split("\n")
    enc = session.encoding
    for diagnostic, finding in zip(diagnostics, expected):
        assert diagnostic.code == finding.code
        assert diagnostic.message == finding.message
        assert seen_range(diagnostic.range) == client_range(lines, finding.range, enc)
        related = [(r.location.uri, seen_range(r.location.range), r.message) for r in diagnostic.related_information or []]
        assert related == [(uri, client_range(lines, r.range, enc), r.message) for r in finding.related]
    assert [d.data for d in diagnostics] == [{"version": 1, "index": i} for i in range(len(diagnostics))]
    assert {d.code for d in diagnostics} == {"BN001", "BN002"}
    # the fixes, looked up by the server from each key: a sample from all over the file
    sample = sorted(set(range(0, len(diagnostics), 97)) | {1, 5, len(diagnostics) - 1})
    for index in sample:
        diagnostic, finding = diagnostics[index], expected[index]
        actions = await session.code_actions(uri, [diagnostic], only=[types.CodeActionKind.QuickFix])
        fixes = [f for f in finding.fixes if not f.suppression] + [f for f in finding.fixes if f.suppression]
        assert [a.title for a in actions] == [fix.title for fix in fixes]
        for action, fix in zip(actions, fixes):
            action = await session.resolved(action)
            sent = edits_by_uri(action.edit)
            assert list(sent) == [uri]
            version, edits = sent[uri]
            assert version in (1, None)
            got = sorted((seen_range(e.range), e.new_text) for e in edits)
            assert got == sorted((client_range(lines, e.range, enc), e.new_text) for e in fix.edits)


async def test_edits_during_an_analysis_publish_only_the_newest_version(session):
    await session.start(settings={"debounceMs": 0})
    uri = session.file("towers.py", SOME)
    session.open(uri, SOME)
    await session.diagnostics(uri, 1)
    since = session.mark()
    # versions sent back to back, debounce 0: the first one's analysis (1,000 findings) is
    # still running when the others arrive. Each types one character into tower_0's scope;
    # the last passes is_training there, so the newest text has one finding less. Each also
    # changes a comment in every function, so that no analysis of them can reuse a block
    # (with the cache, one changed block is analysed faster than the next edit arrives, and
    # publishing that version would be right)
    scope = 'scope="ü0'

    def every_block(text: str, mark: str) -> str:
        return text.replace("(x, labels):\n", f"(x, labels):  # {mark}\n")

    for typed in ("a", "ab", "abc", "abcd"):
        session.replace(uri, every_block(SOME.replace(scope, scope + typed, 1), typed))
    last = session.replace(uri, every_block(SOME.replace(scope, "is_training=False, " + scope + "abcd", 1), "last"))
    diagnostics = await session.diagnostics(uri, last, since=since)
    assert len(diagnostics) == 999
    assert {d.data["version"] for d in diagnostics} == {last}
    actions = await session.code_actions(uri, diagnostics[:1], only=[types.CodeActionKind.QuickFix])
    versions = [edits_by_uri((await session.resolved(a)).edit)[uri][0] for a in actions]
    assert actions and set(versions) <= {last, None}
    if not session.pulls:
        # only the newest version is published, once (when typing pauses its summary reaches
        # the project, which analyses the file again and finds the same: not sent again)
        assert [p.version for p in session.published(uri, since=since)] == [last]
