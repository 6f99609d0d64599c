"""Finding the collector without typing addresses: mDNS/DNS-SD through python-zeroconf.

The collector announces ``_tic-collect._tcp`` on the one interface it listens on, with the round
and the bureau CA's fingerprint in its TXT record. An announcement is a hint, not trust: a
client connects only through mutual TLS anchored in its bureau CA, so a false announcement leads
to a refused handshake and nothing sent. IPv4 only.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

import ifaddr
from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

from tic_desktop.network.protocol import FORMAT, SERVICE_TYPE


@dataclass(frozen=True)
class Interface:
    name: str
    address: str

    @property
    def loopback(self) -> bool:
        return self.address.startswith("127.")


def local_interfaces() -> list[Interface]:
    """This machine's IPv4 addresses, each with its interface's name (loopback last)."""
    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                found.append(Interface(str(adapter.nice_name or adapter.name), ip.ip))
    return sorted(set(found), key=lambda i: (i.loopback, i.name, i.address))


def _instance_name(round_id: str, collector_fingerprint: str) -> str:
    label = "".join(ch for ch in round_id if ch.isalnum() or ch == "-")[:40] or "round"
    return f"{label}-{collector_fingerprint[:8]}.{SERVICE_TYPE}"


class Announcer:
    """The collector's announcement, on its own interface only."""

    def __init__(
        self,
        host: str,
        port: int,
        round_id: str,
        bureau_fingerprint: str,
        collector_fingerprint: str,
    ) -> None:
        self.host = host
        self.info = ServiceInfo(
            SERVICE_TYPE,
            _instance_name(round_id, collector_fingerprint),
            addresses=[socket.inet_aton(host)],
            port=port,
            properties={
                "format": FORMAT,
                "round": round_id,
                "bureau": bureau_fingerprint,
                "collector": collector_fingerprint,
            },
            server=f"tic-collector-{collector_fingerprint[:8]}.local.",
        )
        self._zeroconf: Zeroconf | None = None

    def start(self) -> None:
        self._zeroconf = Zeroconf(interfaces=[self.host], ip_version=IPVersion.V4Only)
        # Probing takes a second or two; it runs on zeroconf's own thread, not the caller's.
        threading.Thread(target=self._register, name="tic-announce", daemon=True).start()

    def _register(self) -> None:
        zeroconf = self._zeroconf
        if zeroconf is None:
            return
        try:
            zeroconf.register_service(self.info, allow_name_change=True)
        except Exception:  # closed while probing, or the interface went away: discovery is a bonus
            return

    def close(self) -> None:
        zeroconf, self._zeroconf = self._zeroconf, None
        if zeroconf is not None:
            try:
                zeroconf.unregister_all_services()
            finally:
                zeroconf.close()


@dataclass(frozen=True)
class FoundCollector:
    name: str
    host: str
    port: int
    round_id: str
    bureau_fingerprint: str
    collector_fingerprint: str

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


class Browser:
    """Looks for collectors of one round and one bureau;
    ``found`` is called from zeroconf's thread."""

    def __init__(
        self,
        round_id: str,
        bureau_fingerprint: str,
        found: Callable[[FoundCollector], None],
        interfaces: list[str] | None = None,
    ) -> None:
        self.round_id, self.bureau_fingerprint, self.found = round_id, bureau_fingerprint, found
        self.interfaces = interfaces
        self._zeroconf: Zeroconf | None = None
        self._browser: ServiceBrowser | None = None

    def start(self) -> None:
        if self.interfaces:
            self._zeroconf = Zeroconf(interfaces=self.interfaces, ip_version=IPVersion.V4Only)
        else:
            self._zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
        self._browser = ServiceBrowser(self._zeroconf, SERVICE_TYPE, handlers=[self._changed])

    def _changed(
        self, zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change not in (ServiceStateChange.Added, ServiceStateChange.Updated):
            return
        info = zeroconf.get_service_info(service_type, name, timeout=3000)
        if info is None:
            return
        properties = {
            k.decode("utf-8", "replace"): (v or b"").decode("utf-8", "replace")
            for k, v in info.properties.items()
        }
        if properties.get("round") != self.round_id:
            return
        if properties.get("bureau") != self.bureau_fingerprint:
            return
        addresses = info.parsed_addresses(IPVersion.V4Only)
        if not addresses or not info.port:
            return
        self.found(
            FoundCollector(
                name,
                addresses[0],
                info.port,
                self.round_id,
                self.bureau_fingerprint,
                properties.get("collector", ""),
            )
        )

    def close(self) -> None:
        if self._browser is not None:
            self._browser.cancel()
            self._browser = None
        if self._zeroconf is not None:
            self._zeroconf.close()
            self._zeroconf = None


def parse_address(text: str, default_port: int) -> tuple[str, int] | None:
    """``192.168.1.5:47631`` or ``192.168.1.5`` typed by a person;
    None if it is not an IPv4 address."""
    text = text.strip().replace("：", ":")
    host, _, port_text = text.partition(":")
    try:
        socket.inet_aton(host)
    except OSError:
        return None
    if host.count(".") != 3:
        return None
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return None
    return host, int(port_text)
