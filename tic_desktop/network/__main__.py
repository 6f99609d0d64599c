"""The collector without a window: ``python -m tic_desktop.network serve``.

    python -m tic_desktop.network interfaces
    python -m tic_desktop.network serve --bureau DIR --round round.json --host 192.168.1.5 \\
        [--port 47631] [--passphrase-file F] [--no-announce] [--ready-file F]

``serve`` prints one JSON line when it listens ({"host", "port", "collector"}) and then one line
per event; it stops on Ctrl+C or SIGTERM (the collector shuts down cleanly either way).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from tic_desktop.errors import TicError


def _serve(args: argparse.Namespace) -> int:
    from tic_desktop.bureau.workspace import BureauWorkspace, read_passphrase_file
    from tic_desktop.domain.loading import load_round
    from tic_desktop.network.collector_events import CollectorEvent
    from tic_desktop.network.server import start_collection

    workspace = BureauWorkspace(Path(args.bureau))
    keys = workspace.keys(read_passphrase_file(args.passphrase_file))
    review_round = load_round(Path(args.round))
    lock = threading.Lock()

    def show(event: CollectorEvent) -> None:
        with lock:
            print(
                json.dumps(
                    {
                        "event": event.kind,
                        "expert": event.expert,
                        "text": event.text_en,
                        "receipt": event.receipt,
                    },
                    ensure_ascii=False,
                ),
                flush=True,
            )

    collection = start_collection(
        workspace,
        keys,
        review_round,
        args.host,
        args.port,
        announce=not args.no_announce,
        on_event=show,
    )
    host, port = collection.address
    ready = {"host": host, "port": port, "collector": collection.fingerprint}
    print(json.dumps(ready), flush=True)
    if args.ready_file:
        Path(args.ready_file).write_text(json.dumps(ready), encoding="utf-8")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        collection.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tic_desktop.network")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("interfaces", help="this machine's IPv4 addresses")
    serve = commands.add_parser("serve", help="collect returns for a round on one address")
    serve.add_argument("--bureau", required=True)
    serve.add_argument("--round", required=True)
    serve.add_argument("--host", required=True, help="one of this machine's addresses")
    serve.add_argument("--port", type=int, default=47631)
    serve.add_argument("--passphrase-file")
    serve.add_argument("--no-announce", action="store_true")
    serve.add_argument("--ready-file")
    args = parser.parse_args(argv)
    try:
        if args.command == "interfaces":
            from tic_desktop.network.discovery import local_interfaces

            for interface in local_interfaces():
                print(f"{interface.address}\t{interface.name}")
            return 0
        return _serve(args)
    except TicError as error:
        print(str(error), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
