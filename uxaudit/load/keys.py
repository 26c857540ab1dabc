"""The key names `press` accepts, checked before the browser starts: Playwright's own names (its
US keyboard layout, server/usKeyboardLayout.ts), alone or held together (`Control+Shift+ArrowLeft`).
A name Playwright does not know fails only when the step runs; here it is an input error."""

from __future__ import annotations

import difflib
import string

# Playwright's key codes (the layout's names), which `press` accepts as written.
KEY_CODES = (
    "Escape F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 "
    "Backquote Digit1 Digit2 Digit3 Digit4 Digit5 Digit6 Digit7 Digit8 Digit9 Digit0 Minus Equal Backslash "
    "Backspace Tab KeyQ KeyW KeyE KeyR KeyT KeyY KeyU KeyI KeyO KeyP BracketLeft BracketRight "
    "CapsLock KeyA KeyS KeyD KeyF KeyG KeyH KeyJ KeyK KeyL Semicolon Quote Enter "
    "ShiftLeft KeyZ KeyX KeyC KeyV KeyB KeyN KeyM Comma Period Slash ShiftRight "
    "ControlLeft MetaLeft AltLeft Space AltRight AltGraph MetaRight ContextMenu ControlRight "
    "PrintScreen ScrollLock Pause PageUp PageDown Insert Delete Home End ArrowLeft ArrowUp ArrowRight ArrowDown "
    "AudioVolumeMute AudioVolumeDown AudioVolumeUp MediaTrackNext MediaTrackPrevious MediaPlayPause "
    "NumLock NumpadDivide NumpadMultiply NumpadSubtract Numpad7 Numpad8 Numpad9 Numpad4 Numpad5 Numpad6 "
    "NumpadAdd Numpad1 Numpad2 Numpad3 Numpad0 NumpadDecimal NumpadEnter"
).split()
# The modifiers by their own names (Playwright's aliases of the left-hand keys); ControlOrMeta is
# Meta on macOS and Control elsewhere.
MODIFIERS = ("Shift", "Control", "Alt", "Meta", "ControlOrMeta")
# Every printable ASCII character is a key of the US layout (with Shift where needed); so are the
# two line ends, which press Enter. Other characters (é, ß, emoji) are text: `type` enters them.
CHARACTERS = frozenset(string.printable) - frozenset("\t\x0b\x0c")
KEY_NAMES = frozenset(KEY_CODES) | frozenset(MODIFIERS)
VALID_KEYS = KEY_NAMES | CHARACTERS
EXAMPLES = "Enter, Tab, Escape, ArrowDown, a, Shift+A, Control+Shift+ArrowLeft"
# Names people use for keys (other tools', keyboards' labels) that Playwright does not accept: only a
# "did you mean" for them, never accepted, so that a file runs the same in Playwright itself.
ALIASES = {
    "return": "Enter", "esc": "Escape", "del": "Delete", "ins": "Insert", "bksp": "Backspace",
    "ctrl": "Control", "ctl": "Control", "cmd": "Meta", "command": "Meta", "super": "Meta", "win": "Meta",
    "windows": "Meta", "option": "Alt", "opt": "Alt", "alt-gr": "AltGraph", "altgr": "AltGraph",
    "up": "ArrowUp", "down": "ArrowDown", "left": "ArrowLeft", "right": "ArrowRight",
    "pgup": "PageUp", "pgdn": "PageDown", "pageup": "PageUp", "pagedown": "PageDown", "spacebar": "Space",
}


def combination(keys: str) -> list[str]:
    """The keys of a combination, as Playwright splits it: at each `+` that follows a key, so
    `+` alone and `Shift++` (Shift and +) work."""
    parts, building = [], ""
    for char in keys:
        if char == "+" and building:
            parts.append(building)
            building = ""
        else:
            building += char
    return [*parts, building]


def key_problem(keys: str) -> str | None:
    """What is wrong with a `press` key or combination, in words, or None when Playwright knows it."""
    parts = combination(keys)
    unknown = next((part for part in parts if part not in VALID_KEYS), None)
    if unknown is None:
        return None
    if not unknown:
        return f"no key in '{keys}' after its last '+'" if keys else "no key given (e.g. Enter)"
    where = f" in '{keys}'" if len(parts) > 1 else ""
    close = _closest(unknown)
    hint = f"; did you mean '{_mended(parts)}'?" if close else "."
    # Words that name no key are most likely text meant to be typed.
    text = " To type text, use `type:`." if " " in unknown or not close else ""
    return f"unknown key '{unknown}'{where}{hint} Keys are named as Playwright names them: {EXAMPLES}.{text}"


def _mended(parts: list[str]) -> str:
    """The combination with each unknown key replaced by its closest name (`ctrl+a` → `Control+a`),
    so that the suggestion can be copied whole."""
    return "+".join(part if part in VALID_KEYS else _closest(part) or part for part in parts)


def _closest(name: str) -> str | None:
    """A key name differing only in case (`enter`), another name for a key (`Return`, `ctrl`,
    `cmd`), else the nearest in spelling (`Escpe`)."""
    if not name:
        return None
    same = [key for key in KEY_NAMES if key.casefold() == name.casefold()]
    if same:
        return same[0]
    if name.casefold() in ALIASES:
        return ALIASES[name.casefold()]
    close = difflib.get_close_matches(name, sorted(KEY_NAMES), n=1, cutoff=0.6)
    return close[0] if close else None
