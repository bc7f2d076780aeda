"""Error recovery at statement granularity, for one top-level block that does not parse.

The block is parsed again with its failing units replaced, until it parses: a broken simple
statement becomes `pass` at its indentation, the broken header of a compound statement
becomes a header that keeps its body (`if 1:`, `except:`, `def name(*args, **kwargs):`), and
the other lines of the unit become empty lines. The text keeps its line count and every line
that is not replaced keeps its columns, so the statements that parse are analysed at their
real positions. Python 2 statements and literals (`print x`, `exec code`, `except E, e:`,
backticks, `<>`, `0777`, `10L`, `ur''`) are failing units like any other.

An unclosed bracket or triple-quoted string swallows the lines after it; those are cut back
to the shortest span that lets the rest parse: the replacement ends at the first later line
that is indented no deeper than the broken statement and after which the block parses.

The position of a SyntaxError differs between Python versions (3.9 reports an unclosed
bracket where the parser gave up, 3.10+ at the bracket), so the unit is found from the text:
a small lexer tells, for each line, whether it starts a logical line (outside brackets,
strings and backslash continuations), and the unit is the logical line around the error.

The number of parses per block is bounded, so a huge broken block costs a bounded multiple of
its parse; a block that cannot be repaired within it is left out, as it was before recovery.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from typing import Optional

from .lines import emptied

# parses of one block, the first one included; Python 2 files with many prints in one
# function take one parse per statement, so this is also the longest such run repaired
MAX_PARSES = 64

_INTERESTING = re.compile(r"""[#'"()\[\]{}\\]""")
_TRIPLE_END = {q: re.compile(r"(?:[^\\]|\\.)*?" + q, re.DOTALL) for q in ("'''", '"""')}
_SINGLE_END = {q: re.compile(r"(?:[^\\" + q + r"]|\\.)*" + q) for q in ("'", '"')}
_DEF = re.compile(r"(?:async\s+)?def\s+(\w+)")
_CLASS = re.compile(r"class\s+(\w+)")
_HEADER_KEYWORD = re.compile(r"(if|elif|else|for|while|with|try|except|finally|def|class|async|match|case)\b")
_LINE_IN_MESSAGE = re.compile(r"on line (\d+)")
_LINE_NUMBER = re.compile(r"\bline (\d+)")
# what makes a line worth parsing alone (see _replace_python2_statements)
_PYTHON2_MARK = re.compile(
    r"""^[ \t\f]*(?:print|exec)\b|`|<>|\b0\d+\b|\b\d+[lL]\b|\b[uU][rR]['"]|^[ \t\f]*(?:raise|except)\b[^#]*,"""
)
_CLAUSE_PLACEHOLDERS = ("elif 1:", "else:", "except:", "finally:")
# what a clause needs before it to parse alone
_CLAUSE_CONTEXT = {
    "except": "try:\n    pass\n",
    "finally": "try:\n    pass\n",
    "elif": "if 1:\n    pass\n",
    "else": "if 1:\n    pass\n",
}


@dataclass(frozen=True)
class Repair:
    """How a block that does not parse was made to parse. Lines are 0-based, relative to the block."""

    lines: Optional[tuple]  # the block's lines (line ends kept), failing units replaced; None: not repaired
    skipped: tuple  # (start, end) line spans that were not read, end exclusive, in order
    error_line: int  # the syntax error of the first span not read, as the parser reported it
    error_column: int
    message: str  # the parser's, which may name lines of the file ("detected at line 12")
    left_open: Optional[str]  # what the original text leaves open at its end (see logical_starts)
    start: int  # the file line the block began at when it was repaired

    def message_at(self, start: int) -> str:
        """The message for the block beginning at file line `start` (it moved since the repair)."""
        if start == self.start:
            return self.message
        return _LINE_NUMBER.sub(lambda m: f"line {int(m.group(1)) + start - self.start}", self.message)

    @property
    def text(self) -> str:
        return "".join(self.lines or ())

    @property
    def skipped_lines(self) -> int:
        return sum(end - start for start, end in self.skipped)


def _parse(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def _body(line: str) -> str:
    """A line without its line end."""
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_body(line)) :]


def _indent(line: str) -> int:
    """The indentation width Python sees: a form feed resets it (the characters before it do
    not count)."""
    prefix = _indentation(line)
    return len(prefix) - prefix.rfind("\f") - 1


def _indentation(line: str) -> str:
    """The whitespace before the line's code, form feeds included."""
    body = _body(line)
    return body[: len(body) - len(body.lstrip(" \t\f"))]


def _is_code(line: str) -> bool:
    stripped = _body(line).strip(" \t\f")
    return bool(stripped) and not stripped.startswith("#")


def logical_starts(lines) -> tuple[list, Optional[str]]:
    """For each line, whether it starts a logical line (no bracket, string or backslash
    continuation open at its start); and what is open at the end of the text: None,
    "bracket", "string" or "backslash".

    A single-quoted string left open at the end of a line ends there (Python reports it and
    goes on with the next line); brackets closed more often than opened count as closed.
    """
    starts = []
    depth = 0
    quote = None  # the open triple quote, or a single quote continued by a backslash
    continued = False
    for line in lines:
        starts.append(depth == 0 and quote is None and not continued)
        continued = False
        body = _body(line)
        pos = 0
        if quote is not None:
            end = _string_end(body, pos, quote)
            if end is None:
                if len(quote) == 1 and not _ends_with_escape(body):
                    quote = None  # an unterminated string ends with its line
                continue
            pos = end
            quote = None
        while True:
            match = _INTERESTING.search(body, pos)
            if match is None:
                break
            char = match.group(0)
            pos = match.end()
            if char == "#":
                break
            if char in "'\"":
                triple = body[pos - 1 : pos + 2]
                q = triple if triple in ("'''", '"""') else char
                start = pos + len(q) - 1
                end = _string_end(body, start, q)
                if end is None:
                    if len(q) == 3 or _ends_with_escape(body):
                        quote = q
                    break
                pos = end
            elif char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(depth - 1, 0)
            elif char == "\\":
                if pos == len(body):
                    continued = True
                    break
                pos += 1
    if quote is not None:
        return starts, "string"
    if continued:
        return starts, "backslash"
    return starts, "bracket" if depth else None


def _ends_with_escape(body: str) -> bool:
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def _string_end(body: str, pos: int, quote: str) -> Optional[int]:
    """The offset just after the closing quote of a string whose content starts at `pos`."""
    pattern = _TRIPLE_END[quote] if len(quote) == 3 else _SINGLE_END[quote]
    match = pattern.match(body, pos)
    return match.end() if match is not None else None


def _header_placeholder(line: str) -> str:
    """A header that parses and keeps the compound statement's body (and its scope, for def and class)."""
    stripped = _body(line).lstrip(" \t\f")
    keyword = _HEADER_KEYWORD.match(stripped)
    word = keyword.group(1) if keyword else ""
    if word in ("def", "async"):
        name = _DEF.match(stripped)
        if name is not None:
            return f"def {name.group(1)}(*args, **kwargs):"
    if word == "class":
        name = _CLASS.match(stripped)
        if name is not None:
            return f"class {name.group(1)}:"
    return {"elif": "elif 1:", "else": "else:", "try": "try:", "except": "except:", "finally": "finally:"}.get(
        word, "if 1:"
    )


class _Attempt:
    """The block's lines as they are being repaired, and what was replaced."""

    def __init__(self, lines, padding: str):
        self.lines = list(lines)
        self.padding = padding
        self.replaced = [False] * len(lines)
        self.parses = 0

    def parse(self):
        """None when the text parses, else the SyntaxError, lines made block-relative."""
        self.parses += 1
        try:
            _parse(self.padding + "".join(self.lines))
            return None
        except SyntaxError as exc:
            return exc
        except (ValueError, MemoryError, RecursionError) as exc:  # e.g. a NUL byte
            return SyntaxError(str(exc))

    def error_line(self, exc: SyntaxError) -> int:
        line = (exc.lineno or 1) - 1 - self.padding.count("\n")
        return min(max(line, 0), len(self.lines) - 1)

    def replace(self, start: int, end: int, header: bool) -> None:
        first = self.lines[start]
        indentation = _indentation(first)
        placeholder = _header_placeholder(first) if header else "pass"
        self.lines[start] = indentation + placeholder + (_ending(first) or "\n")
        for index in range(start + 1, end):
            self.lines[index] = emptied(self.lines[index], self.lines[index - 1] if index else None)
        for index in range(start, end):
            self.replaced[index] = True

    def next_code_line(self, index: int) -> Optional[int]:
        for later in range(index, len(self.lines)):
            if _is_code(self.lines[later]):
                return later
        return None

    def opens_body(self, start: int, end: int) -> bool:
        """Whether the unit [start, end) is followed by lines indented deeper: its body."""
        after = self.next_code_line(end)
        return after is not None and _indent(self.lines[after]) > _indent(self.lines[start])


def repair(lines, start: int = 0) -> Optional[Repair]:
    """Make a block that does not parse parse, by replacing its failing units.

    `lines` are the block's lines with their ends, `start` the 0-based line of the file it
    begins at (the parser then names the file's lines). None when the block parses as it is;
    a Repair without lines when it cannot be repaired within MAX_PARSES parses.
    """
    attempt = _Attempt(lines, "\n" * start)
    exc = attempt.parse()
    if exc is None:
        return None
    errors = []  # (first line replaced, error line, column, message) per round
    if _replace_python2_statements(attempt, errors):
        exc = attempt.parse()
    while exc is not None:
        before = list(attempt.replaced)
        if attempt.parses >= MAX_PARSES or not _repair_one(attempt, exc):
            break
        first = next((i for i, (old, new) in enumerate(zip(before, attempt.replaced)) if new and not old), None)
        if first is not None:
            errors.append(
                (first, attempt.error_line(exc), max((exc.offset or 1) - 1, 0), exc.msg or "invalid syntax")
            )
        exc = attempt.parse()
    left_open = logical_starts(lines)[1]
    if exc is not None:
        line = errors[0][1] if errors else attempt.error_line(exc)
        column = errors[0][2] if errors else max((exc.offset or 1) - 1, 0)
        return Repair(None, ((0, len(lines)),), line, column, exc.msg or "invalid syntax", left_open, start)
    skipped = []
    for index, was in enumerate(attempt.replaced):
        if was:
            if skipped and skipped[-1][1] == index:
                skipped[-1] = (skipped[-1][0], index + 1)
            else:
                skipped.append((index, index + 1))
    _, line, column, message = min(errors)
    return Repair(tuple(attempt.lines), tuple(skipped), line, column, message, left_open, start)


def _replace_python2_statements(attempt: _Attempt, errors: list) -> bool:
    """Python 2 statements, all at once: a Python 2 function or class holds many, and finding
    them one parse of the whole block at a time would cost a parse each. Lines with a Python 2
    mark (`print x`, `exec code`, backticks, `<>`, `0777`, `10L`, `ur''`, `raise E, msg`,
    `except E, e:`) are parsed alone, as simple statements or as headers with a body, and
    replaced only when that fails (`print >>f, x` and a string holding `<>` parse, and stay)."""
    lines = attempt.lines
    starts = None
    found = False
    for index, line in enumerate(lines):
        if not _PYTHON2_MARK.search(line):
            continue
        if starts is None:
            starts, _ = logical_starts(lines)
        if not starts[index] or attempt.replaced[index]:
            continue
        end = index + 1
        while end < len(lines) and not starts[end]:
            end += 1
        header = attempt.opens_body(index, end)
        stripped = _body(line).lstrip(" \t\f")
        statement = stripped + (_ending(line) or "\n") + "".join(lines[index + 1 : end])
        before = ""
        if header:
            keyword = _HEADER_KEYWORD.match(stripped)
            before = _CLAUSE_CONTEXT.get(keyword.group(1) if keyword else "", "")
            statement = statement + "    pass\n"
        # at the statement's own line, so that a message naming a line names the file's
        padding = "\n" * max(len(attempt.padding) + index - before.count("\n"), 0)
        try:
            _parse(padding + before + statement)
            continue
        except SyntaxError as exc:
            message = exc.msg or "invalid syntax"
            column = len(_indentation(line)) + max((exc.offset or 1) - 1, 0)
        except (ValueError, MemoryError, RecursionError):
            continue
        attempt.replace(index, end, header)
        errors.append((index, index, column, message))
        found = True
    return found


def _repair_one(attempt: _Attempt, exc: SyntaxError) -> bool:
    """Replace the unit the error is in; False when no progress can be made."""
    lines = attempt.lines
    error = attempt.error_line(exc)
    message = exc.msg or ""
    if isinstance(exc, IndentationError) and "expected an indented block" in message:
        return _replace_bodiless_header(attempt, exc, error)
    if isinstance(exc, IndentationError):  # TabError too
        code = attempt.next_code_line(error)
        if code is None:
            return False
        depth = _indent(lines[code])
        end = code + 1
        if "unexpected indent" in message:
            # lines indented where no block opens: the run of them
            while end < len(lines) and (not _is_code(lines[end]) or _indent(lines[end]) >= depth):
                end += 1
        else:
            # indented to no outer level (or with tabs and spaces mixed): the statement, and
            # its body if it opens one
            starts, _ = logical_starts(lines)
            while end < len(lines) and not starts[end]:
                end += 1
            body = attempt.next_code_line(end)
            if body is not None and _indent(lines[body]) > depth and _body(lines[end - 1]).rstrip().endswith(":"):
                inner = _indent(lines[body])
                while end < len(lines) and (not _is_code(lines[end]) or _indent(lines[end]) >= inner):
                    end += 1
        if all(attempt.replaced[code:end]):
            return False
        for index in range(code, end):
            lines[index] = emptied(lines[index], lines[index - 1] if index else None)
            attempt.replaced[index] = True
        return True
    starts, _ = logical_starts(lines)
    # the error is reported at or after the statement's first line, never before it; an
    # error on a blank line (end of file) belongs to the last code line before it
    while error > 0 and not _is_code(lines[error]) and starts[error]:
        error -= 1
    unit_start = error
    while unit_start > 0 and not starts[unit_start]:
        unit_start -= 1
    unit_end = error + 1
    while unit_end < len(lines) and not starts[unit_end]:
        unit_end += 1
    if all(attempt.replaced[unit_start:unit_end]):
        # a clause placeholder where no statement it belongs to stands (a stray `else:`): a
        # plain block keeps the body
        line = lines[unit_start]
        if _body(line).strip() not in _CLAUSE_PLACEHOLDERS:
            return False
        lines[unit_start] = _indentation(line) + "if 1:" + (_ending(line) or "\n")
        return True
    if unit_end < len(lines) or logical_starts(lines[unit_start:unit_end])[1] is None:
        # the statement closes: it is the unit
        attempt.replace(unit_start, unit_end, attempt.opens_body(unit_start, unit_end))
        return True
    _cut_back(attempt, unit_start)
    return True


def _replace_bodiless_header(attempt: _Attempt, exc: SyntaxError, error: int) -> bool:
    """`for x in y:` with no body yet: the header is the unit."""
    lines = attempt.lines
    named = _LINE_IN_MESSAGE.search(exc.msg or "")
    if named is not None:
        header = attempt.error_line(SyntaxError("", ("", int(named.group(1)), 0, "")))
    else:
        # Python 3.9 reports the line after the header, or the header itself at the end
        header = error
        if not _body(lines[header]).rstrip().endswith(":"):
            header -= 1
            while header > 0 and not _is_code(lines[header]):
                header -= 1
    starts, _ = logical_starts(lines)
    while header > 0 and not starts[header]:
        header -= 1
    end = header + 1
    while end < len(lines) and not starts[end]:
        end += 1
    if all(attempt.replaced[header:end]):
        return False
    attempt.replace(header, end, False)
    return True


def _cut_back(attempt: _Attempt, unit_start: int) -> None:
    """An unclosed bracket or string runs to the end of the block: replace the shortest span
    from its statement that lets the rest parse (or, failing that, everything after it).

    Where the parser reports the error says little here (Python 3.9 reports it where it gave
    up, lines later), so the span ends are tried from the statement on."""
    lines = attempt.lines
    depth = _indent(lines[unit_start])
    candidates = []
    if attempt.opens_body(unit_start, unit_start + 1) and _HEADER_KEYWORD.match(_body(lines[unit_start]).lstrip()):
        candidates.append(unit_start + 1)  # a broken header: keep its body
    candidates += [
        index
        for index in range(unit_start + 1, len(lines))
        if _is_code(lines[index]) and _indent(lines[index]) <= depth and index not in candidates
    ]
    saved_lines, saved_replaced = list(lines), list(attempt.replaced)
    for end in candidates:
        if attempt.parses >= MAX_PARSES - 1:
            break
        attempt.replace(unit_start, end, attempt.opens_body(unit_start, end))
        exc = attempt.parse()
        if exc is None:
            return
        later = attempt.error_line(exc)
        if later >= end and not isinstance(exc, IndentationError):
            starts, _ = logical_starts(attempt.lines)
            statement = later
            while statement > 0 and not starts[statement]:
                statement -= 1
            if statement >= end:
                return  # another error, further down: the next round repairs it
        attempt.lines[:], attempt.replaced[:] = list(saved_lines), list(saved_replaced)
    attempt.replace(unit_start, len(lines), False)
