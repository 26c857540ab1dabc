"""Load YAML keeping the line of every key and item, so errors can say file:line."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ScenarioError

KeyPath = tuple[str | int, ...]
MAX_FILE_BYTES = 5_000_000  # a scenario is a few kB; anything near this is not one
MAX_NODES = 100_000  # values after aliases are expanded: a "billion laughs" stops here
MAX_DEPTH = 50  # nesting of mappings and lists


@dataclass
class LinedDocument:
    """A parsed YAML document and the line (1-based) of each key path in it."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def error(self, path: KeyPath, message: str, hint: str = "") -> ScenarioError:
        """A ScenarioError located at ``path``."""
        return ScenarioError(self.file, self.line_of(path), format_path(path), message, hint)


def format_path(path: KeyPath) -> str:
    """('tasks', 0, 'steps', 2) -> 'tasks[0].steps[2]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_lined(path: Path, display_name: str | None = None) -> LinedDocument:
    """Parse one YAML file; syntax errors become a ScenarioError with the line."""
    name = display_name or str(path)
    return parse_lined(_decoded(read_regular(path, name), name), name)


def read_regular(path: Path, name: str) -> bytes:
    """The bytes of a regular file; a FIFO, device or folder is refused before it is opened
    (opening a FIFO would wait for a writer forever)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise ScenarioError(name, None, "", f"cannot read the file: it is {kind}", "Give a .yaml file")
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioError(name, None, "", f"the file is too large ({info.st_size} bytes, "
                                f"at most {MAX_FILE_BYTES})", "A scenario file is a few kB of YAML")
        return path.read_bytes()
    except OSError as exc:
        raise ScenarioError(name, None, "", f"cannot read the file ({exc.strerror})") from None


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScenarioError(name, line, "", f"not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
                            "Scenario files are UTF-8 YAML; save the file as UTF-8") from None


class _DuplicateKey(Exception):
    def __init__(self, line: int, path: KeyPath) -> None:
        self.line, self.path = line, path


class _TooBig(Exception):
    def __init__(self, line: int, path: KeyPath, message: str) -> None:
        self.line, self.path, self.message = line, path, message


class _BadValue(Exception):
    def __init__(self, line: int, path: KeyPath, message: str) -> None:
        self.line, self.path, self.message = line, path, message


def parse_lined(text: str, name: str) -> LinedDocument:
    """Parse YAML text; see load_lined."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        doc = LinedDocument(name, None)
        doc.data = _Converter(loader, doc.lines).convert(node, ()) if node is not None else None
        return doc
    except _DuplicateKey as dup:
        raise ScenarioError(name, dup.line, format_path(dup.path), "this key appears twice here",
                            "YAML keeps only the last one; one action per step, one value per key") from None
    except (_TooBig, _BadValue) as exc:
        hint = "Write the value out, with fewer aliases (*name) and less nesting" if isinstance(exc, _TooBig) else ""
        shown = format_path(exc.path[:6]) + ("…" if len(exc.path) > 6 else "")
        raise ScenarioError(name, exc.line, shown, exc.message, hint) from None
    except RecursionError:
        raise ScenarioError(name, None, "", f"YAML nested too deeply (at most {MAX_DEPTH} levels)",
                            "Flatten the lists and mappings") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(name, line, "", f"YAML syntax error: {problem}",
                            "Check the indentation and quoting around this line") from None
    except yaml.YAMLError as exc:  # e.g. a control character (ReaderError), which has no mark
        raise ScenarioError(name, None, "", f"not YAML text: {str(exc).splitlines()[0]}") from None
    finally:
        if loader is not None:
            loader.dispose()


class _Converter:
    """Python values from a composed node graph, with the line of each key; bounded in size and
    depth, since aliases make a small file into a huge (or, recursive, endless) value."""

    def __init__(self, loader: yaml.SafeLoader, lines: dict[KeyPath, int]) -> None:
        self.loader, self.lines, self.nodes = loader, lines, 0

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        line = node.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(line, path, f"the YAML expands to more than {MAX_NODES} values (aliases?)")
        if len(path) > MAX_DEPTH:
            raise _TooBig(line, path, f"the YAML nests deeper than {MAX_DEPTH} levels (a recursive alias?)")
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path)
            if key in result:
                raise _DuplicateKey(key_node.start_mark.line + 1, (*path, str(key)))
            result[key] = self.convert(value_node, (*path, str(key)))
            self.lines[(*path, str(key))] = key_node.start_mark.line + 1
        return result

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode):
            raise _BadValue(line, path, "a key must be plain text, not a list or mapping")
        try:
            value = self.loader.construct_object(node, deep=True)
            hash(value)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:  # e.g. `!!int abc`
            raise _BadValue(line, path, f"'{node.value[:60]}' is not a valid {node.tag.rsplit(':', 1)[-1]} "
                            f"({type(exc).__name__})") from None
        if isinstance(value, str) and not _encodable(value):
            shown = value.encode("utf-8", "backslashreplace")[:60]
            raise _BadValue(line, path, f"text with a lone surrogate ({shown!r})")
        return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
