"""Help → About: the app's version, the versions of what it is built on, where its data is,
and the bureau root certificate's fingerprint (the one printed on every passphrase sheet).
"""

from __future__ import annotations

import importlib
import platform
from html import escape
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QSize, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop import __version__
from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.gui.screen_fit import resize_for_screen, scrolling
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage import default_database_path

LIBRARIES = (
    "pyrage",
    "cryptography",
    "pyHanko",
    "reportlab",
    "SQLAlchemy",
    "keyring",
    "pypdfium2",
    "openpyxl",
)
"""Distributions whose versions matter when a package, a return or a signature is questioned."""


def _labels() -> dict[str, str]:
    """The box's words in the current language (literal calls, so that lupdate finds them)."""
    return {
        "app": QCoreApplication.translate("AboutDialog", "TIC Review Desktop"),
        "version": QCoreApplication.translate("AboutDialog", "Version %1"),
        "bureau": QCoreApplication.translate(
            "AboutDialog", "Liaocheng Municipal Science and Technology Bureau"
        ),
        "fingerprint": QCoreApplication.translate(
            "AboutDialog", "Bureau root certificate fingerprint"
        ),
        "compare": QCoreApplication.translate(
            "AboutDialog",
            "The passphrase sheets and every review package show this fingerprint: "
            "the experts compare it with what they see.",
        ),
        "no_bureau": QCoreApplication.translate(
            "AboutDialog",
            "No bureau workspace has been chosen on this computer yet "
            "(File → Build review packages chooses one).",
        ),
        "database": QCoreApplication.translate("AboutDialog", "Local database"),
        "built_with": QCoreApplication.translate("AboutDialog", "Built with"),
        "not_found": QCoreApplication.translate("AboutDialog", "not found"),
        "unknown": QCoreApplication.translate("AboutDialog", "unknown"),
    }


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Python, Qt, PySide6 and :data:`LIBRARIES`, as installed (or bundled)."""
    versions = [
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
    ]
    return versions + [(name, _version_of(name)) for name in LIBRARIES]


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    # A frozen build may carry the module without its distribution metadata.
    try:
        module = importlib.import_module(distribution.lower())
    except ImportError:
        return _labels()["not_found"]
    return str(
        getattr(module, "__version__", None)
        or getattr(module, "Version", None)
        or _labels()["unknown"]
    )


def grouped_fingerprint(fingerprint: str) -> str:
    """The whole fingerprint in groups of four (the short form is its first six groups)."""
    return " ".join(fingerprint[i : i + 4].upper() for i in range(0, len(fingerprint), 4))


def _fingerprint_lines(fingerprint: str) -> str:
    groups = grouped_fingerprint(fingerprint).split(" ")
    return "<br>".join(escape(" ".join(groups[i : i + 8])) for i in range(0, len(groups), 8))


def about_text(
    language: str,
    bureau_fingerprint: str | None,
    *,
    bureau_name: str | None = None,
    database_path: Path | None = None,
) -> str:
    """The About box as HTML; ``bureau_fingerprint`` is the bureau root certificate's SHA-256
    (hex)."""
    words = _labels()
    database = database_path if database_path is not None else default_database_path()
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{escape(version)}</td></tr>"
        for name, version in library_versions()
    )
    if bureau_fingerprint:
        owner = f"{escape(bureau_name)}<br>" if bureau_name else ""
        bureau = (
            f"{owner}<b style='font-size:large'>"
            f"{escape(short_fingerprint(bureau_fingerprint))}</b><br>"
            "<span style='font-family:monospace'>"
            f"{_fingerprint_lines(bureau_fingerprint)}</span><br>"
            f"{escape(words['compare'])}"
        )
    else:
        bureau = escape(words["no_bureau"])
    lang = "zh-CN" if language == "zh" else "en"
    return (
        f"<html lang='{lang}'><body>"
        f"<h2>{escape(words['app'])}</h2>"
        f"<p>{escape(words['version'].replace('%1', __version__))}<br>{escape(words['bureau'])}</p>"
        f"<h3>{escape(words['fingerprint'])}</h3><p>{bureau}</p>"
        f"<h3>{escape(words['database'])}</h3><p>{escape(str(database))}</p>"
        f"<h3>{escape(words['built_with'])}</h3><table>{rows}</table>"
        "</body></html>"
    )


class AboutDialog(QDialog):
    """Versions, database path and the bureau fingerprint, with a button that copies them for
    support."""

    def __init__(
        self, language: str, bureau_folder: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About"))
        fingerprint = name = None
        problem = ""
        if bureau_folder is not None and str(bureau_folder):
            try:
                workspace = BureauWorkspace(Path(bureau_folder))
            except TicError as error:
                problem = error.message(language)
            except OSError as error:
                problem = f"{bureau_folder}: {error.strerror or error}"
            else:
                fingerprint, name = workspace.fingerprint, workspace.name
        self.fingerprint = fingerprint
        """The bureau root certificate's fingerprint shown, or None."""
        words = _labels()
        self._summary = [
            f"{words['app']} {__version__}",
            f"{words['fingerprint']}: {fingerprint.upper() if fingerprint else '—'}",
            f"{words['database']}: {default_database_path()}",
            *(f"{library} {version}" for library, version in library_versions()),
        ]
        html = about_text(language, fingerprint, bureau_name=name)
        if problem:
            html = html.replace("</body>", f"<p style='color:#a00000'>{escape(problem)}</p></body>")
        layout = QVBoxLayout(self)
        # Lines are broken in the HTML, not wrapped: a wrapped label's height depends on a width it
        # does not know yet, and the last rows were cut off. On a low screen the text scrolls.
        self.text_label = QLabel(html)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        text_size = self.text_label.sizeHint()
        self.text_area = scrolling(self.text_label)
        layout.addWidget(self.text_area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy to clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        scroll_bar = self.text_area.verticalScrollBar().sizeHint().width()
        margins = layout.contentsMargins()
        resize_for_screen(
            self,
            QSize(
                text_size.width() + scroll_bar + margins.left() + margins.right() + 4,
                text_size.height()
                + buttons.sizeHint().height()
                + layout.spacing()
                + margins.top()
                + margins.bottom()
                + 4,
            ),
        )

    def plain_text(self) -> str:
        """The facts of the dialog, one a line (what the copy button puts on the clipboard)."""
        return "\n".join(self._summary)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())
