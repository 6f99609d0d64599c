"""Opening a package in the expert window: verify, the bureau question, who is signing in.

The window only asks and shows; the core does the rest (:mod:`tic_desktop.expert.session`), each
slow step off the GUI thread: reading and verifying the package and pinning its bureau (a thread),
the keyring (a thread), scrypt (a worker process), the desk's integrity check (a thread).

When this computer knows the round from another bureau, both fingerprints are shown and the
expert compares them with the passphrase sheet (issue #12 item 6): "口令单上的是新指纹" opens the
package, anything else opens nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from tic_desktop.errors import TicError
from tic_desktop.gui.settings import Setting
from tic_desktop.gui.tasks import run_task

if TYPE_CHECKING:
    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.expert.session import Credential, PackageToOpen, UnlockedCredential
    from tic_desktop.gui.expert_dialogs import BureauQuestion, SignInDialog
    from tic_desktop.packages.opening import OpenedPackage

LAST_PACKAGE_FOLDER = Setting("files/last_package_folder", "", str)
"""File dialogs start where the last package was opened from (usually the USB stick)."""


def _open_for_review(db, path: Path) -> PackageToOpen:
    from tic_desktop.expert.session import open_for_review
    from tic_desktop.gui.expert_window import _load_review_machinery

    _load_review_machinery()  # on this worker thread, if the preloading has not finished yet
    return open_for_review(db, path)


class SignInFlow(QObject):
    """From a package file to the expert's desk."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: SignInDialog | None = None
        self.bureau_question: BureauQuestion | None = None

    def start_folder(self) -> str:
        folder = self.window.preferences.get(LAST_PACKAGE_FOLDER)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open review package"),
            self.start_folder(),
            self.tr("Review package (*.ticpkg)"),
        )
        if path:
            self.open_with_dialog(Path(path))

    def open_with_dialog(self, path: Path) -> None:
        """Verify the package, then ask who is opening it (and the passphrase the first time).

        ``sign_in_dialog_shown`` tells when the dialog is up. It stays open until the credential
        is unlocked; problems are shown inside it.
        """

        def verified(package: OpenedPackage) -> None:
            from tic_desktop.gui.expert_dialogs import SignInDialog

            dialog = SignInDialog(package.manifest, self.window.preferences, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.unlock_requested.connect(
                lambda expert_id, passphrase: self.sign_in(package, expert_id, passphrase, dialog)
            )
            dialog.rejected.connect(package.close)
            self.dialog = dialog
            dialog.open()
            self.window.sign_in_dialog_shown.emit(dialog)

        self._open_verified(path, verified)

    def open_package_as(self, path: Path, expert_id: str, passphrase: str | None) -> None:
        """Open ``path`` as ``expert_id`` without the sign-in dialog (tests, the command line)."""
        self._open_verified(path, lambda package: self.sign_in(package, expert_id, passphrase))

    def _open_verified(self, path: Path, then) -> None:
        """Open, verify and pin ``path`` on a worker thread; ``then(package)`` on the GUI thread."""
        window = self.window
        window.preferences.set(LAST_PACKAGE_FOLDER, str(Path(path).resolve().parent))
        window.statusBar().showMessage(self.tr("Checking the package's signature…"))
        window.setCursor(Qt.CursorShape.BusyCursor)
        db = window.db

        def opened(result: PackageToOpen) -> None:
            window.unsetCursor()
            window.statusBar().clearMessage()
            if result.bureau_changed is None:
                then(result.package)
            else:
                self._ask_about_bureau(result, then)

        def failed(error: Exception) -> None:
            window.unsetCursor()
            if not isinstance(error, TicError):
                raise error
            window.show_error(
                self.tr("The package could not be opened"), error.message(window.language)
            )

        run_task(lambda: _open_for_review(db, path), opened, failed)

    def _ask_about_bureau(self, result: PackageToOpen, then) -> None:
        """Both fingerprints; only "the sheet shows the new one" opens the package."""
        from tic_desktop.expert.session import confirm_bureau
        from tic_desktop.gui.expert_dialogs import BureauQuestion

        window, package, changed = self.window, result.package, result.bureau_changed
        assert changed is not None
        manifest = package.manifest
        box = BureauQuestion(
            manifest.round.title, manifest.bureau.name, changed.pinned, changed.seen, window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.bureau_question = None
            if not box.confirmed():
                package.close()
                window.show_error(
                    self.tr("The package was not opened"),
                    self.tr(
                        "Its bureau fingerprint is not the one this computer knows for the round. "
                        "If your passphrase sheet shows neither, call the bureau."
                    ),
                )
                return
            try:
                confirm_bureau(window.db, package, changed.seen)
            except TicError as error:
                package.close()
                window.show_error(
                    self.tr("The package could not be opened"), error.message(window.language)
                )
                return
            then(package)

        box.finished.connect(answered)
        self.bureau_question = box
        box.open()
        window.bureau_question_shown.emit(box)

    def sign_in(
        self,
        package: OpenedPackage,
        expert_id: str,
        passphrase: str | None,
        dialog: SignInDialog | None = None,
    ) -> None:
        """Unlock ``expert_id``'s credential: from the keyring, else with the passphrase."""
        from tic_desktop.expert import session

        window = self.window

        def problem(title: str, text: str) -> None:
            window.unsetCursor()
            if dialog is not None:
                dialog.show_problem(text)
            else:
                window.show_error(title, text)

        def failed(error: Exception) -> None:
            if isinstance(error, TicError):
                problem(self.tr("The package could not be opened"), error.message(window.language))
            else:
                window.unsetCursor()
                raise error

        def unlocked(result: UnlockedCredential) -> None:
            note = (
                ""
                if result.remembered
                else self.tr(
                    "This computer has no secure keyring: your passphrase cannot be remembered "
                    "and will be asked for each time you open the package."
                )
            )
            db, bus, credential = window.db, window.bus, result.credential

            def desk_ready(desk: ExpertDesk) -> None:
                window.unsetCursor()
                window.present(desk, package, expert_id, note)
                if dialog is not None:
                    dialog.accept()

            # The desk checks the local database's integrity (SQL): a worker thread does it.
            run_task(lambda: session.open_desk(db, package, credential, bus), desk_ready, failed)

        def looked_up(stored: Credential | None) -> None:
            if stored is not None:
                unlocked(session.UnlockedCredential(stored, True))
                return
            if not passphrase:
                problem(
                    self.tr("Passphrase needed"),
                    self.tr(
                        "This computer does not know you yet: enter the passphrase from your sheet."
                    ),
                )
                return
            window.statusBar().showMessage(self.tr("Unlocking your credential… (a few seconds)"))
            run_task(
                lambda: session.unlock_with_passphrase(package, expert_id, passphrase),
                unlocked,
                failed,
            )

        window.setCursor(Qt.CursorShape.BusyCursor)
        run_task(lambda: session.remembered_credential(package, expert_id), looked_up, failed)

    def present_unlocked(
        self,
        package: OpenedPackage,
        credential: Credential,
        expert_id: str,
        note: str,
        dialog: SignInDialog | None = None,
    ) -> bool:
        """With a credential already unlocked: build the desk here and present it."""
        from tic_desktop.expert.session import open_desk
        from tic_desktop.gui.expert_window import _load_review_machinery

        _load_review_machinery()
        try:
            desk = open_desk(self.window.db, package, credential, self.window.bus)
        except TicError as error:
            if dialog is not None:
                dialog.show_problem(error.message(self.window.language))
            else:
                self.window.show_error(
                    self.tr("The package could not be opened"),
                    error.message(self.window.language),
                )
            return False
        self.window.present(desk, package, expert_id, note)
        return True
