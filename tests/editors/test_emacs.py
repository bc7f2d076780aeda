"""Emacs with Eglot, in batch mode, against `bnlint serve`, configured as docs/editors.md says.

Eglot's code action menu is answered on standard input: an empty line takes its default,
which Eglot makes the server's preferred action.
"""

from __future__ import annotations

from editor_harness import FIXED, HERE, check_fixed, with_code

DRIVER = str(HERE / "eglot_driver.el")
WARNING, ERROR = 2, 1  # LSP DiagnosticSeverity as Eglot received it


def emacs_argv(emacs: str, project) -> list[str]:
    return [emacs, "--batch", "-Q", "-l", DRIVER, str(project / "model.py")]


def test_eglot_shows_bn002_and_applies_its_preferred_fix(emacs, project, run_editor):
    run = run_editor(emacs_argv(emacs, project), ["eglot.el"], stdin="\n")
    assert run.record["major_mode"] == "python-mode"
    check_fixed(run, severity=WARNING)
    (finding,) = with_code(run.record["diagnostics_before"])
    assert finding["flymake_type"] == "eglot-warning"
    # Eglot proposed the preferred action as the default of its menu
    assert "(default Pass is_training=is_training)" in run.output


def test_eglot_passes_the_documented_settings(emacs, project, run_editor):
    # the settings snippet raises BN002 to an error: seeing one proves initializationOptions arrived
    run = run_editor(emacs_argv(emacs, project), ["eglot.el", "eglot-settings.el"], stdin="\n")
    check_fixed(run, severity=ERROR)
    (finding,) = with_code(run.record["diagnostics_before"])
    assert finding["flymake_type"] == "eglot-error"


def test_the_eglot_driver_fails_when_there_is_nothing_to_fix(emacs, project, run_editor):
    (project / "model.py").write_text(FIXED, encoding="utf-8")
    run = run_editor(emacs_argv(emacs, project), ["eglot.el"], stdin="\n", step_timeout=3)
    assert run.returncode == 1, run.explain()
    assert run.record["failure"] == "no BN002 diagnostic arrived"
    assert run.record["connected"] is True
