"""The README is part of the interface: its set-up commands, every command, and CI's command."""

from __future__ import annotations

import re
import shlex

import click
import pytest

from credit_tracker.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_is_in_the_readme_and_has_an_example(path: tuple[str, ...]) -> None:
    assert f"credit-tracker {' '.join(path)}" in README
    command = cli
    for name in path:
        command = command.commands[name]
    if not isinstance(command, click.Group):
        assert "Example" in (command.help or "")


def test_the_two_set_up_commands_are_at_the_top_and_ci_runs_the_second() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).splitlines()
    install, tests = (line.split("#")[0].strip() for line in block[:2])
    assert install == "pip install . && credit-tracker check"
    assert tests == "pip install '.[test]' && python -m pytest"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert f'gate bash -c "{tests}"' in ci_lines
    for gate in ("gate ruff check .", "gate ruff format --check .", "gate mypy"):
        assert gate in ci_lines


def test_readme_examples_name_real_commands_and_options() -> None:
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    lines = [
        line.split("  #")[0].strip()
        for line in blocks.splitlines()
        if line.strip().startswith("credit-tracker ")
    ]
    assert len(lines) > 10
    for line in lines:
        tokens = shlex.split(line)[1:]
        command: click.Command = cli
        options = _options(cli)
        while tokens:
            token = tokens.pop(0)
            if token.startswith("-"):
                name = token.split("=")[0]
                assert name in options, f"{line}: unknown option {token}"
                if options[name] and "=" not in token:
                    tokens.pop(0)  # the option's value
            elif isinstance(command, click.Group):
                assert token in command.commands, f"{line}: unknown command {token}"
                command = command.commands[token]
                options |= _options(command)
        # a group runs by itself only where it is also a command (harvest lists, its
        # subcommands decide)
        assert not isinstance(command, click.Group) or command.invoke_without_command, line


def _options(command: click.Command) -> dict[str, bool]:
    """Map each option name to whether it takes a value."""
    return {
        opt: not getattr(param, "is_flag", False)
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
    }
