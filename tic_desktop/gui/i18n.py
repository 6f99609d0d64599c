"""One translation path: Qt Linguist catalogues in resources/i18n, zh_CN by default.

Source strings are English; the Chinese catalogue (``tic_zh_CN.ts``) is compiled with
lrelease into the user cache (the .qm files are build output, not in git).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tic_desktop.gui.qt_tool_binaries import compiled_in_cache
from tic_desktop.paths import resources_dir

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def _compiled_catalogue(ts: Path) -> Path:
    bundled = ts.with_name(f"{ts.stem}.qm")
    # The frozen build ships a pre-compiled catalogue (and no lrelease).
    if bundled.is_file() and (
        getattr(sys, "frozen", False) or bundled.stat().st_mtime >= ts.stat().st_mtime
    ):
        return bundled
    return compiled_in_cache(
        ts, "i18n", ts.stem, ".qm", b"", "lrelease", "-silent", "{source}", "-qm", "{target}"
    )


# Strings of Qt's own widgets that qtbase_zh_CN.qm lacks (Qt 6 added the mnemonics, the
# catalogue still has "Look in:" without "&"): the non-native file dialog showed them in English.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "&New Folder"): "新建文件夹(&N)",
    ("QFileDialog", "&Rename"): "重命名(&R)",
    ("QFileDialog", "&Delete"): "删除(&D)",
    ("QFileDialog", "Show &hidden files"): "显示隐藏文件(&H)",
    ("QFileDialog", "&Choose"): "选择(&C)",
    ("QFileDialog", "Directory:"): "目录：",
    ("QFileDialog", "File &name:"): "文件名称(&N)：",
    # The file list's "type" column.
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class _QtGaps(QTranslator):
    """Fills the few holes of Qt's own Chinese catalogue (installed after it, so asked first)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return QT_GAPS.get((context, source))  # None: not ours, ask the next catalogue

    def isEmpty(self) -> bool:
        return False


def shown_language() -> str:
    """The language the widgets speak now, "zh" or "en": what the installed catalogue says, so that
    what the core says (its ``lang`` parameters) follows the one language set with
    :meth:`Translations.use`."""
    return "zh" if QCoreApplication.translate("Language", "en") == "zh" else "en"


def listed(items: list[str]) -> str:
    """Items joined as the shown language lists them ("、" in Chinese)."""
    return QCoreApplication.translate("Language", ", ").join(items)


class Translations:
    """Installs and swaps the app's and Qt's own translators for a language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def remove(self) -> None:
        """Uninstall this object's translators (Qt falls back to the English source strings)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()

    def use(self, language: str) -> None:
        self.remove()
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        if self.language == "zh":
            ours = QTranslator(self._app)
            if ours.load(str(_compiled_catalogue(resources_dir() / "i18n" / "tic_zh_CN.ts"))):
                self._installed.append(ours)
            qt_own = QTranslator(self._app)
            # Qt's own dialogs (file dialog, message box buttons). Not the "qt" meta catalogue: it
            # names modules the Essentials wheel lacks (qtmultimedia…), and then loads nothing.
            if qt_own.load(
                QLocale(QLocale.Language.Chinese, QLocale.Country.China),
                "qtbase",
                "_",
                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            ):
                self._installed.append(qt_own)
            self._installed.append(_QtGaps(self._app))
        for translator in self._installed:
            self._app.installTranslator(translator)
