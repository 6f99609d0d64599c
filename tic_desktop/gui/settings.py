"""Typed user preferences stored with QSettings (never secrets: those go to keyring)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type


FONT_SIZE = Setting("appearance/point_size", 11, int)
LANGUAGE = Setting("appearance/language", "zh", str)
LAST_ROUND = Setting("files/last_round", "", str)


class Preferences:
    """Reads and writes :class:`Setting` values with their declared types."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings("tic-desktop", "tic-desktop")

    def get(self, setting: Setting[T]) -> T:
        value = self._settings.value(setting.key, setting.default)
        try:
            return setting.kind(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._settings.setValue(setting.key, value)

    def geometry(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"geometry/{name}", value)

    def sync(self) -> None:
        self._settings.sync()
