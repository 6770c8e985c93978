"""YAML text in, plain values with their file lines out; then typed reading with precise messages.

The only module that uses PyYAML. Loading is safe by construction: the text is *composed* into
nodes (linear in its size, aliases are shared references), then walked once. Any explicit tag that
is not a plain YAML type is refused, and so is any node reached twice (an alias): a billion-laughs
document is refused after visiting a handful of nodes. Timestamps stay the text the editor wrote,
so dates are parsed by bantin (day first, site time zone), never by YAML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import vi
from .errors import Problem, did_you_mean, error
from .messages import Msg
from .yamlerrors import Explained, explain_yaml_error

try:
    _Loader = yaml.CSafeLoader  # the C loader: about 8x faster
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_BASE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_BASE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_SCALARS = yaml.constructor.SafeConstructor()

Path = tuple[str | int, ...]
HUGE = 10 ** 30     # stands for an integer too long for Python to read from text (thousands of digits)
NUMBER_LIMIT = 10 ** 15


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """Loaded values plus, for every key path, its line in the file and the raw scalar text."""

    value: Any
    lines: Mapping[Path, int] = field(default_factory=dict)
    raw: Mapping[Path, str] = field(default_factory=dict)

    def line(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `text` (which starts at `first_line` of `file`) into a `YamlDoc`, or problems."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        found = _syntax_message(exc, text)
        params = {**found.params, **({"other": found.params["other"] + first_line - 1} if "other" in found.params else {})}
        return None, [error(file, first_line + found.line, found.key, **params)]
    except yaml.reader.ReaderError as exc:   # a character YAML refuses (NUL, DEL, C1...): at its real line
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        # libyaml counts bytes of UTF-8, the pure-Python reader characters: look for the character itself
        at = text.find(chr(code)) if chr(code) in text else min(exc.position, len(text))
        start = text.rfind("\n", 0, at) + 1
        return None, [error(file, first_line + text.count("\n", 0, at), "file.control_char",
                            code=f"U+{code:04X}", column=at - start + 1)]
    except yaml.YAMLError:  # pragma: no cover - unmarked errors are rare
        return None, [error(file, first_line, "yaml.syntax", column=1)]
    walker = _Walker(file, first_line)
    value = walker.walk(node, ()) if node is not None else None
    if walker.problems:
        return None, walker.problems
    return YamlDoc(value, walker.lines, walker.raw), []


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    """PyYAML's complaint as the editor's mistake, with advice (`yamlerrors.py`); never PyYAML's words."""
    problem = exc.problem or ""
    if "alias" in problem or "anchor" in problem or (exc.context or "").startswith("while scanning an a"):
        mark = exc.problem_mark or exc.context_mark
        found = explain_yaml_error(text, problem, exc.context, _at(exc.problem_mark), _at(exc.context_mark))
        return found if found.key == "yaml.quote" else Explained(mark.line if mark else 0, "yaml.alias")
    return explain_yaml_error(text, problem, exc.context, _at(exc.problem_mark), _at(exc.context_mark))


def _at(mark) -> tuple[int, int] | None:
    return (mark.line, mark.column) if mark is not None else None


class _Walker:
    def __init__(self, file: str, first_line: int):
        self.file = file
        self.first_line = first_line
        self.seen: set[int] = set()
        self.lines: dict[Path, int] = {}
        self.raw: dict[Path, str] = {}
        self.problems: list[Problem] = []

    def _fail(self, node: yaml.Node, msg_key: str, /, **params: Any) -> None:
        self.problems.append(error(self.file, self.first_line + node.start_mark.line, msg_key, **params))

    def walk(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            line = self.lines.get(path, self.first_line + node.start_mark.line)
            self.problems.append(error(self.file, line, "yaml.alias"))
            return None
        self.seen.add(id(node))
        self.lines.setdefault(path, self.first_line + node.start_mark.line)
        if node.tag not in _ALLOWED_TAGS:
            self._fail(node, "yaml.tag", tag=node.tag.replace(_BASE, "!!"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]
        self.raw[path] = node.value
        if (control := vi.find_control_character(node.value)) is not None:
            self._fail(node, "value.control_char", key=_dotted(path), code=f"U+{ord(control[2]):04X}")
            return None
        if node.tag == _BASE + "timestamp" or node.tag == _BASE + "str":
            return node.value
        try:
            return _SCALARS.construct_object(node, deep=True)
        except (ValueError, OverflowError):   # an integer of thousands of digits: Python refuses to read it
            return -HUGE if node.value.lstrip().startswith("-") else HUGE

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self.first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                if id(key_node) in self.seen or key_node.tag not in _ALLOWED_TAGS:
                    self.walk(key_node, path)  # reports the alias or tag
                else:
                    self._fail(key_node, "yaml.complex_key")
                continue
            key = key_node.value
            if key in first:
                self._fail(key_node, "yaml.duplicate_key", key=key, first=first[key])
                continue
            first[key] = line
            self.lines[path + (key,)] = line
            result[key] = self.walk(value_node, path + (key,))
        return result


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _dotted(path: Path) -> str:
    """'images[1].src' for ('images', 0, 'src')."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "?"


# ---------------------------------------------------------------------------------------------
# Typed reading: one call per field, each returning a clean value or recording a precise problem.

_KIND_OF = {bool: "kind.bool_value", int: "kind.int_value", float: "kind.float_value",
            type(None): "kind.null_value", list: "kind.list_value", dict: "kind.mapping_value",
            str: "kind.string_value"}


def kind_of(value: Any) -> Msg:
    return Msg.of(_KIND_OF.get(type(value), "kind.string_value"))


class FieldReader:
    """Reads the fields of one mapping in a `YamlDoc`, collecting a problem for each bad value."""

    def __init__(self, doc: YamlDoc, file: str, problems: list[Problem], path: Path = (),
                 label: str = ""):
        self.doc = doc
        self.file = file
        self.problems = problems
        self.path = path
        self.label = label  # 'images[1].' prefix for nested keys in messages
        value = doc.value
        for part in path:
            value = value[part]
        self.data: dict[str, Any] = value if isinstance(value, dict) else {}

    def line(self, key: str | None = None) -> int | None:
        return self.doc.line(self.path + ((key,) if key is not None else ()))

    def name(self, key: str) -> str:
        return f"{self.label}{key}"

    def fail(self, field: str | None, msg_key: str, /, **params: Any) -> None:
        self.problems.append(error(self.file, self.line(field), msg_key, **params))

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                self.fail(key, "key.unknown", key=self.name(key), hint=did_you_mean(key, allowed))

    def wrong_type(self, key: str, expected: str, value: Any, sub: Path = ()) -> None:
        raw = self.doc.raw.get(self.path + (key,) + sub)
        raw = _shorten(raw) if raw is not None else None
        hint = Msg.of("hint.none")
        if raw is not None and not isinstance(value, str) and expected in ("kind.string", "kind.string_or_list"):
            hint = Msg.of("hint.quote", raw=raw, found=kind_of(value), key=key)
        shown = Msg.of("kind.string_value") if isinstance(value, str) else kind_of(value)
        line = self.doc.line(self.path + (key,) + sub)
        name = self.name(key) + "".join(f"[{part + 1}]" for part in sub if isinstance(part, int))
        self.problems.append(error(self.file, line, "value.type", key=name,
                                   expected=Msg.of(expected), found=shown, hint=hint))

    def string(self, key: str, *, required: bool = False, default: str | None = None,
               allow_empty: bool = False) -> str | None:
        if key not in self.data:
            if required:
                self.fail(None, "key.required", key=self.name(key))
            return default
        value = self.data[key]
        if not isinstance(value, str):
            self.wrong_type(key, "kind.string", value)
            return default
        value = value.strip()
        if not value and not allow_empty:
            self.fail(key, "value.empty", key=self.name(key))
            return default
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings; a lone string counts as a list of one."""
        if key not in self.data or self.data[key] is None:
            return ()
        value = self.data[key]
        expected = "kind.string_or_list"
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.wrong_type(key, expected, value)
            return ()
        result = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.wrong_type(key, expected, item, (i,))
            elif item.strip():
                result.append(item.strip())
        return tuple(result)

    def integer(self, key: str, *, default: int | None = None, minimum: int | None = None) -> int | None:
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(key, "kind.integer", value)
            return default
        if abs(value) >= NUMBER_LIMIT:
            self.fail(key, "value.too_large", key=self.name(key), value=_shorten(self.doc.raw.get(self.path + (key,))
                                                                              or str(value)), limit=NUMBER_LIMIT)
            return default
        if minimum is not None and value < minimum:
            self.fail(key, "value.negative", key=self.name(key), value=value)
            return default
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.wrong_type(key, "kind.boolean", value)
            return default
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        if key not in self.data or self.data[key] is None:
            return {}
        value = self.data[key]
        if not isinstance(value, dict):
            self.wrong_type(key, "kind.mapping", value)
            return {}
        return value

    def items(self, key: str) -> list["FieldReader"]:
        """A list of mappings, one reader each (labelled `key[i].` in messages)."""
        if key not in self.data or self.data[key] is None:
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self.wrong_type(key, "kind.list", value)
            return []
        readers = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.wrong_type(key, "kind.mapping", item, (i,))
                continue
            readers.append(FieldReader(self.doc, self.file, self.problems, self.path + (key, i),
                                       f"{self.label}{key}[{i + 1}]."))
        return readers


