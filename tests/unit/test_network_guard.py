"""The test session refuses connections beyond loopback and still allows loopback."""

import socket

import pytest

from tests import network_guard


def test_guard_is_installed_for_the_session() -> None:
    """pytest_configure put the guard in place before any test ran."""
    assert socket.socket.connect is network_guard._guarded_connect
    assert socket.create_connection is network_guard._guarded_create_connection


def test_refuses_a_private_address_before_sending_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10.0.0.1:80 is refused by the guard itself; the real connect is never reached."""
    attempts: list[object] = []

    def recording(self: socket.socket, address: object) -> None:
        attempts.append(address)

    # Replace the underlying connect, so an escape through the guard would be seen, not sent.
    monkeypatch.setitem(network_guard._original, "connect", recording)
    monkeypatch.setitem(network_guard._original, "connect_ex", recording)
    monkeypatch.setitem(network_guard._original, "create_connection", recording)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(network_guard.NetworkRefused):
            sock.connect(("10.0.0.1", 80))
        with pytest.raises(network_guard.NetworkRefused):
            sock.connect_ex(("10.0.0.1", 80))
    with pytest.raises(network_guard.NetworkRefused):
        socket.create_connection(("10.0.0.1", 80), timeout=1)
    with pytest.raises(network_guard.NetworkRefused):
        socket.create_connection(("example.com", 443), timeout=1)
    assert attempts == []


@pytest.mark.parametrize(
    ("family", "address", "allowed"),
    [
        (socket.AF_INET, ("127.0.0.1", 5432), True),
        (socket.AF_INET, ("127.5.6.7", 80), True),
        (socket.AF_INET, ("localhost", 80), True),
        (socket.AF_INET6, ("::1", 80, 0, 0), True),
        (socket.AF_INET6, ("::ffff:127.0.0.1", 80, 0, 0), True),
        (socket.AF_INET, ("10.0.0.1", 80), False),
        (socket.AF_INET, ("149.154.167.220", 443), False),
        (socket.AF_INET, ("api.telegram.org", 443), False),
        (socket.AF_INET6, ("2001:db8::1", 443, 0, 0), False),
        (socket.AF_INET6, ("::ffff:10.0.0.1", 443, 0, 0), False),
    ],
)
def test_loopback_rule(family: int, address: tuple[object, ...], allowed: bool) -> None:
    """Only addresses on this machine pass."""
    assert network_guard.is_loopback(family, address) is allowed


def test_allows_a_real_loopback_connection() -> None:
    """A server on 127.0.0.1 is reachable through the guard."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            accepted, _ = server.accept()
            with accepted:
                client.sendall(b"ping")
                assert accepted.recv(4) == b"ping"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_allows_unix_sockets() -> None:
    """A Unix socket pair stays on the machine."""
    assert network_guard.is_loopback(socket.AF_UNIX, "/tmp/whatever.sock")
