"""A TCP proxy for loopback tests that forwards bytes both ways and, when told, closes both
connections after exactly N bytes have gone one way (client→server or server→client)."""

from __future__ import annotations

import selectors
import socket
import threading


class CuttingProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.address = self.listener.getsockname()
        self.cut: tuple[str, int] | None = None  # ("up" | "down", N)
        self.cut_connection: int | None = None  # only the k-th connection since reset() is cut
        self.connections = 0
        self.counted = {"up": 0, "down": 0}  # bytes forwarded on the last connection
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._relay(client)

    def reset(self) -> None:
        self.connections = 0

    def _relay(self, client: socket.socket) -> None:
        self.counted = {"up": 0, "down": 0}
        index, self.connections = self.connections, self.connections + 1
        cut = self.cut if self.cut_connection in (None, index) else None
        server = socket.create_connection(self.target)
        for sock in (client, server):  # no Nagle/delayed-ACK stalls between the two hops
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sides = {client: (server, "up"), server: (client, "down")}
        selector = selectors.DefaultSelector()
        for sock in sides:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        try:
            open_sides = 2
            while open_sides and not self._stop.is_set():
                for key, _ in selector.select(timeout=0.2):
                    source = key.fileobj
                    target, direction = sides[source]
                    try:
                        data = source.recv(65536)
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        data = b""
                    if not data:
                        selector.unregister(source)
                        open_sides -= 1
                        try:
                            target.shutdown(socket.SHUT_WR)
                        except OSError:
                            pass
                        continue
                    if cut is not None and cut[0] == direction:
                        room = cut[1] - self.counted[direction]
                        if len(data) >= room:
                            self._send(target, data[:room])
                            self.counted[direction] += room
                            return  # cut: both connections closed below
                    self._send(target, data)
                    self.counted[direction] += len(data)
        finally:
            selector.close()
            for sock in sides:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    @staticmethod
    def _send(sock: socket.socket, data: bytes) -> None:
        sock.setblocking(True)
        try:
            sock.sendall(data)
        except OSError:
            pass
        finally:
            sock.setblocking(False)

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        self._thread.join(timeout=5)
