"""Refuses any socket connection beyond loopback, so no test can reach the network by accident."""

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_original: dict[str, Callable[..., Any]] = {}


class NetworkRefused(OSError):
    """A test tried to connect to an address that is not loopback."""


def is_loopback(family: int, address: object) -> bool:
    """Whether `address` (as given to connect) stays on this machine."""
    if getattr(socket, "AF_UNIX", None) is not None and family == socket.AF_UNIX:
        return True
    if not isinstance(address, tuple) or not address:
        return False
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        # A host name other than localhost would need DNS: that is the network too.
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def _refuse(address: object) -> NetworkRefused:
    return NetworkRefused(f"tests may connect to loopback only, not {address!r}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not is_loopback(self.family, address):
        raise _refuse(address)
    return _original["connect"](self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not is_loopback(self.family, address):
        raise _refuse(address)
    return _original["connect_ex"](self, address)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    # Refused before name resolution, so not even a DNS query leaves the machine.
    if not is_loopback(socket.AF_INET, address):
        raise _refuse(address)
    return _original["create_connection"](address, *args, **kwargs)


def install() -> None:
    """Patches socket connects for this process (idempotent)."""
    if _original:
        return
    _original["connect"] = socket.socket.connect
    _original["connect_ex"] = socket.socket.connect_ex
    _original["create_connection"] = socket.create_connection
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.create_connection = _guarded_create_connection  # type: ignore[assignment]


def uninstall() -> None:
    """Restores the original socket functions."""
    if not _original:
        return
    socket.socket.connect = _original.pop("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = _original.pop("connect_ex")  # type: ignore[method-assign]
    socket.create_connection = _original.pop("create_connection")  # type: ignore[assignment]
