"""Load YAML keeping the line of every key and item, so errors can say file:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ScenarioError

KeyPath = tuple[str | int, ...]


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
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(name, None, "", f"cannot read the file ({exc.strerror})") from None
    return parse_lined(text, name)


class _DuplicateKey(Exception):
    def __init__(self, line: int, path: KeyPath) -> None:
        self.line, self.path = line, path


def parse_lined(text: str, name: str) -> LinedDocument:
    """Parse YAML text; see load_lined."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        doc = LinedDocument(name, None)
        doc.data = _convert(loader, node, (), doc.lines) if node is not None else None
        return doc
    except _DuplicateKey as dup:
        raise ScenarioError(name, dup.line, format_path(dup.path), "this key appears twice here",
                            "YAML keeps only the last one; one action per step, one value per key") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(name, line, "", f"YAML syntax error: {problem}",
                            "Check the indentation and quoting around this line") from None
    finally:
        loader.dispose()


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise _DuplicateKey(key_node.start_mark.line + 1, (*path, str(key)))
            result[key] = _convert(loader, value_node, (*path, str(key)), lines)
            lines[(*path, str(key))] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
