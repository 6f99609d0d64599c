"""Signing in the expert window, and the signed state made visible (issue #11).

- Refused while anything is unsaved or incomplete, or while the saved work differs from its audit
  log (the integrity banner stays; the core refuses too): the list is said in the window.
- Signed: the message strip names the revision, the folder and every file written.
- The return is signed and written but some files are not (a full USB stick, something in the
  way): the strip names them and writes them again with one click, in the same folder or in
  another one; no new revision is made.
- Signing again with nothing changed: said so, with 重新写出已签名文件.
- Edited after signing: 需重新签名 in the list and the window title, and closing asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tic_desktop.errors import TicError
from tic_desktop.gui.tasks import run_task

if TYPE_CHECKING:
    from tic_desktop.expert.signing import SignResult


class SigningFlow(QObject):
    """Sign and export, write the signed files again, the title, and what closing asks."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.folder: Path | None = None
        """Where the last signing (or writing again) wrote in this window."""
        self.close_box: QMessageBox | None = None
        self._close_confirmed = False

    def _names(self, paths: list[Path]) -> str:
        return "、".join(p.name for p in paths)

    def _choose_folder(self) -> Path | None:
        start = str(self.folder) if self.folder is not None else self.window.signin.start_folder()
        chosen = QFileDialog.getExistingDirectory(
            self.window, self.tr("Where should the signed files go? (e.g. a USB stick)"), start
        )
        return Path(chosen) if chosen else None

    # --- signing -------------------------------------------------------------------------------
    def sign_and_export(self, folder: Path | None = None) -> None:
        window, desk = self.window, self.window.desk
        if desk is None:
            return
        if desk.integrity is not None:
            self._refused(desk.integrity)
            return
        window.work.flush()
        scoring = window.scoring
        # What the form shows but the database does not hold (invalid, unsaved) blocks signing too.
        shown = scoring.unsaved_or_invalid() if scoring is not None else []
        problems = [(scoring.application_id, t, t) for t in shown] + desk.problems()
        if problems:
            zh = window.language == "zh"
            lines = "\n".join(f"· {app} {z if zh else e}" for app, z, e in problems)
            window.sign_blocked.emit(problems)
            window.show_error(
                self.tr("Not ready to sign"), self.tr("Please complete these first:") + "\n" + lines
            )
            return
        if folder is None:
            folder = self._choose_folder()
            if folder is None:
                return
        window.notify(self.tr("Signing…"), "info")

        def done(result: SignResult) -> None:
            self.folder = folder
            window.work.refresh_list()
            self.update_title()
            if window.chair_panel is not None:
                window.chair_panel.refresh()  # the chair's own signed scores join the picture
            made = result.made
            if result.complete:
                window.notify(
                    self.tr("Revision %1 is signed. Written to %2: %3")
                    .replace("%1", str(made.revision))
                    .replace("%2", str(folder))
                    .replace("%3", self._names(result.files.written)),
                    "ok",
                    self.tr("Signed and exported"),
                )
            else:
                self._show_missing(result, folder, signed=True)
            window.exported.emit(result)

        def failed(error: Exception) -> None:
            from tic_desktop.expert.integrity import WorkTampered
            from tic_desktop.returns.making import NothingChanged

            if isinstance(error, NothingChanged):
                window.notify(
                    error.message(window.language),
                    "info",
                    self.tr("Nothing to sign"),
                    [(self.tr("Write the signed files again"), lambda: self.write_again(folder))],
                )
            elif isinstance(error, WorkTampered):
                self._refused(error)
            elif isinstance(error, TicError):
                window.show_error(self.tr("Signing failed"), error.message(window.language))
            else:
                raise error

        run_task(lambda: desk.sign_and_export(folder), done, failed)

    def _refused(self, problem: TicError) -> None:
        """The saved work differs from its audit log: the banner, and why signing is refused."""
        window = self.window
        window.show_integrity(problem)
        window.sign_blocked.emit([("", problem.message_zh, problem.message_en)])
        window.show_error(self.tr("Signing refused"), problem.message(window.language))

    # --- writing the signed files again ----------------------------------------------------------
    def write_again(self, folder: Path | None = None, choose: bool = False) -> None:
        """The last signed revision's files again (no new revision): into ``folder``, else where
        this window last wrote them, else (or with ``choose``) where the expert chooses."""
        window, desk = self.window, self.window.desk
        if desk is None:
            return
        if folder is None and (choose or self.folder is None):
            folder = self._choose_folder()
            if folder is None:
                return
        folder = folder if folder is not None else self.folder
        assert folder is not None
        window.notify(self.tr("Writing the signed files again…"), "info")

        def done(result: SignResult) -> None:
            self.folder = folder
            if result.complete:
                window.notify(
                    self.tr("The signed files of revision %1 were written again to %2: %3")
                    .replace("%1", str(result.made.revision))
                    .replace("%2", str(folder))
                    .replace("%3", self._names(result.files.written)),
                    "ok",
                    self.tr("Written again"),
                )
            else:
                self._show_missing(result, folder, signed=False)
            window.written_again.emit(result)

        def failed(error: Exception) -> None:
            if not isinstance(error, TicError):
                raise error
            window.show_error(
                self.tr("The signed files could not be written"), error.message(window.language)
            )

        run_task(lambda: desk.write_signed_files_again(folder), done, failed)

    def _show_missing(self, result: SignResult, folder: Path, signed: bool) -> None:
        window = self.window
        zh = window.language == "zh"
        if signed:
            lead = self.tr(
                "Revision %1 is signed and its return is in %2, "
                "but these files could not be written:"
            )
        else:
            lead = self.tr("Of revision %1, these files could not be written to %2:")
        missing = "\n".join(
            f"· {path.name}：{z if zh else e}" for path, z, e in result.files.failed
        )
        window.show_error(
            self.tr("Some signed files are missing"),
            lead.replace("%1", str(result.made.revision)).replace("%2", str(folder))
            + "\n"
            + missing
            + "\n"
            + self.tr("Free some space (or remove what is in the way), then write them again."),
            [
                (self.tr("Write them again"), lambda: self.write_again(folder)),
                (self.tr("Choose another folder…"), lambda: self.write_again(choose=True)),
            ],
        )

    # --- the signed state ----------------------------------------------------------------------
    def update_title(self) -> None:
        """需重新签名 in the window title while an application was edited after signing."""
        window = self.window
        title = self.tr("Expert review")
        changed = window.work.changed_since_signing() if window.desk is not None else []
        if changed:
            title += " — " + self.tr("needs signing again: %1").replace("%1", "、".join(changed))
        window.setWindowTitle(title)

    def may_close(self) -> bool:
        """Whether the window may close now; else a question is open (unsaved, 需重新签名)."""
        window, desk = self.window, self.window.desk
        if self._close_confirmed or desk is None:
            return True
        if self.close_box is not None:
            self.close_box.raise_()
            return False
        problems = window.work.leave_problems()
        try:
            changed = desk.changed_since_signing()
        except TicError:
            changed = []
        if not problems and not changed:
            return True
        parts = []
        if problems:
            listed = "\n".join(f"· {p}" for p in problems)
            parts.append(self.tr("These entries are not saved:") + "\n" + listed)
            window.show_error(self.tr("Not saved yet"), listed)
        if changed:
            parts.append(
                self.tr(
                    "Changed after signing and not signed again: %1. The bureau only has your "
                    "last signed revision, without these changes."
                ).replace("%1", "、".join(changed))
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Close the review?"),
            "\n\n".join(parts),
            QMessageBox.StandardButton.NoButton,
            window,
        )
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.close_box = None
            if box.clickedButton() is leave:
                self._close_confirmed = True
                window.close()
            elif changed and not problems:
                window.notify(
                    self.tr("Needs signing again: %1").replace("%1", "、".join(changed)),
                    "info",
                    actions=[(self.tr("Sign and export…"), lambda: self.sign_and_export())],
                )

        box.finished.connect(answered)
        self.close_box = box
        box.open()
        window.close_question_shown.emit(box)
        return False
