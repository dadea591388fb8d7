"""The address the portal answers on, for links made without a request (e-mails, the site's root URL)."""

from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"
# Addresses a server listens on that nobody can type into a browser: links then go to the loopback.
_ANY_HOST = {"", "0", "0.0.0.0", "::", "[::]"}  # noqa: S104 (read, not bound to)


def base_url_for(addrport: str) -> str:
    """`http://host:port` for runserver's address argument ("8300", "127.0.0.1:8300", "[::1]:8300")."""
    host, _, port = addrport.rpartition(":")
    if not port.isdigit():  # a host name alone: runserver's own default port
        host, port = addrport, "8000"
    if host in _ANY_HOST:
        host = LOOPBACK
    return f"http://{host}:{port}"


def host_and_port(base_url: str) -> tuple[str, int]:
    """The host name and port of `base_url`, as a Wagtail Site stores them."""
    address = urlsplit(base_url)
    return address.hostname or LOOPBACK, address.port or (443 if address.scheme == "https" else 80)
