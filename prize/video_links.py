"""A video link the secretariat gives for a finalist: checked, and the platform it names.

Pure rules over text, so the app, the command line and the tests refuse the same
links. A link must be an absolute ``http``/``https`` address with a host and no
user name. It may not point to this computer or a private network (``localhost``,
127.x, 10.x, 172.16-31.x, 192.168.x, ``::1``, link-local, ...): the page hands
the link to every visitor's browser, which would then reach into their own
network. The host is judged as written (an IP address in any of the forms a
browser accepts, or a name); the server never fetches the link itself.

YouTube and Vimeo links play embedded: the embed address is built from the
video's id, parsed and checked here, never from the link's text.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from prize.errors import InvalidVideoLink
from prize.models.outcome import VIDEO_URL_MAX
from prize.text import forbidden_characters

LINK_SCHEMES = frozenset({"http", "https"})
# Names that always mean this computer or the local network, whatever DNS says.
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                            "youtube-nocookie.com", "www.youtube-nocookie.com"})
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})


class Platform(StrEnum):
    YOUTUBE = "youtube"
    VIMEO = "vimeo"
    OTHER = "other"


@dataclass(frozen=True)
class VideoLink:
    """A checked link: ``url`` as given (stripped), the ``platform``, and for YouTube and
    Vimeo the address of the embedded player (``embed_url``), else ""."""

    url: str
    platform: Platform
    embed_url: str = ""


def parse_video_link(text: str) -> VideoLink:
    """``text`` as a checked link; ``InvalidVideoLink`` with the reason otherwise."""
    link = (text or "").strip()
    if not link:
        raise InvalidVideoLink("videos.error.link_missing")
    if len(link) > VIDEO_URL_MAX:
        raise InvalidVideoLink("videos.error.link_too_long", max=VIDEO_URL_MAX, length=len(link))
    if forbidden_characters(link) or any(char.isspace() for char in link):
        raise InvalidVideoLink("videos.error.link_malformed", link=link)
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:  # "http://[::1" and the like
        raise InvalidVideoLink("videos.error.link_malformed", link=link) from None
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "vbscript", "data"):
        raise InvalidVideoLink("videos.error.link_script", link=link)
    if scheme not in LINK_SCHEMES:
        raise InvalidVideoLink("videos.error.link_scheme", link=link)
    if not host:
        raise InvalidVideoLink("videos.error.link_malformed", link=link)
    if "@" in parts.netloc:
        raise InvalidVideoLink("videos.error.link_user", link=link)
    if is_local_host(host):
        raise InvalidVideoLink("videos.error.link_local", link=link)
    return _with_platform(link, host=host.lower().rstrip("."), path=parts.path, query=parts.query)


def is_local_host(host: str) -> bool:
    """Whether ``host`` (as ``urlsplit`` gives it: lower case, no brackets) names this
    computer or a private, link-local or otherwise non-public network."""
    name = host.lower().rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES) or "." not in name and ":" not in name \
            and not name.isdigit() and not name.startswith("0x"):
        return True  # a single label ("intranet") is a name on the local network
    address = _ip_address(name)
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _ip_address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address ``name`` is, in the forms a browser reads too: "127.0.0.1", "[::1]",
    and the old IPv4 forms "127.1", "0x7f000001", "2130706433", "0177.0.0.1"."""
    try:
        return ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fx.]+", name) and not name.endswith(".") and any(char.isdigit() for char in name):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return None


def _with_platform(link: str, *, host: str, path: str, query: str) -> VideoLink:
    youtube = _youtube_id(host, path=path, query=query)
    if youtube is not None:
        return VideoLink(link, Platform.YOUTUBE, f"https://www.youtube-nocookie.com/embed/{youtube}")
    vimeo = _vimeo_id(host, path=path)
    if vimeo is not None:
        number, private_hash = vimeo
        suffix = f"?h={private_hash}&dnt=1" if private_hash else "?dnt=1"
        return VideoLink(link, Platform.VIMEO, f"https://player.vimeo.com/video/{number}{suffix}")
    return VideoLink(link, Platform.OTHER)


def _youtube_id(host: str, *, path: str, query: str) -> str | None:
    """The 11-character id of ``youtu.be/ID``, ``/watch?v=ID``, ``/embed/ID``, ``/shorts/ID``, ``/live/ID``."""
    segments = [segment for segment in path.split("/") if segment]
    if host == "youtu.be":
        candidate = segments[0] if segments else ""
    elif host in _YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            candidate = (parse_qs(query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
        else:
            return None
    else:
        return None
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


def _vimeo_id(host: str, *, path: str) -> tuple[str, str] | None:
    """The number of ``vimeo.com/123``, ``vimeo.com/123/abcdef`` (an unlisted video's hash),
    ``vimeo.com/channels/name/123`` or ``player.vimeo.com/video/123``, with the hash or ""."""
    if host not in _VIMEO_HOSTS:
        return None
    segments = [segment for segment in path.split("/") if segment]
    for index, segment in enumerate(segments):
        if _VIMEO_ID.fullmatch(segment):
            following = segments[index + 1] if index + 1 < len(segments) else ""
            return segment, following if _VIMEO_HASH.fullmatch(following) else ""
    return None
