"""What a family of outputs is: each format's name, file extensions, media type and factory, in
one table from which click's --format choices, the inference from --output's extension and the
desk's downloads are all read.

Each family's table lives beside its formats (render/formats, drafts, author, harvest, exports);
adding a format is adding a row there. Pure.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

F = TypeVar("F")
Opt = TypeVar("Opt")


def load(path: str) -> Any:
    """The class at 'module:Name', imported when a format is made rather than when its family is
    listed: the commands read the tables as they start (click's choices), and --help must not
    pay for importing every format."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def no_options() -> None:
    """The options of a family whose formats take none."""
    return None


@dataclass(frozen=True)
class Output(Generic[Opt, F]):
    """One format of a family: called with the family's options, it makes the formatter."""

    name: str
    make: Callable[[Opt], F]
    options: Callable[[], Opt]
    """The family's options as they are when nobody asks for more (`Output()` uses them)."""
    extensions: tuple[str, ...] = ()
    """File extensions that name this format, the first one for a downloaded file."""
    media_type: str = "text/plain"

    def __call__(self, options: Opt | None = None) -> F:
        return self.make(options if options is not None else self.options())

    @property
    def extension(self) -> str:
        """The extension a file of this format is written with ('.txt' without one)."""
        return self.extensions[0] if self.extensions else ".txt"


class Outputs(Mapping[str, Output[Opt, F]]):
    """A family's formats by name, in the order `--format` lists them."""

    def __init__(self, *outputs: Output[Opt, F], default: str) -> None:
        self._by_name = {output.name: output for output in outputs}
        self.default = default
        self._by_extension: dict[str, str] = {}
        for output in outputs:  # the first format to claim an extension keeps it
            for extension in output.extensions:
                self._by_extension.setdefault(extension, output.name)

    def __getitem__(self, name: str) -> Output[Opt, F]:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def names(self) -> list[str]:
        """The formats' names: click's choices."""
        return list(self._by_name)

    def named_by(self, path: Path | None) -> str:
        """The format a file's extension names (any case), else the family's default."""
        if path is None:
            return self.default
        return self._by_extension.get(path.suffix.lower(), self.default)


Row = tuple[str, str, tuple[str, ...], str]
"""(name, class, extensions, media type); the class is 'Name' in the family's module, or
'submodule:Name' in one of the family's package."""


def classes(
    module: str,
    rows: list[Row],
    *,
    default: str,
    options: Callable[[], Opt],
    make: Callable[[Any, Opt], F],
) -> Outputs[Opt, F]:
    """A family whose formats are classes of one module, each made alike by `make`."""

    def output(name: str, cls: str, extensions: tuple[str, ...], media_type: str) -> Output[Opt, F]:
        path = f"{module}.{cls}" if ":" in cls else f"{module}:{cls}"
        return Output(name, lambda o: make(load(path), o), options, extensions, media_type)

    return Outputs(*(output(*row) for row in rows), default=default)


def plain(cls: Any, _options: None) -> Any:
    """Make a format that takes no options."""
    return cls()
