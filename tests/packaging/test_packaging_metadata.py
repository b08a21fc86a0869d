"""The packaging inputs agree with each other and with pyproject.toml."""

import configparser
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "dk.econdesk.econdesk"
ICONS = ROOT / "resources" / "icons" / "app"


def project() -> dict[str, str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_appstream_release_is_the_project_version() -> None:
    root = ET.parse(ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == project()["version"], "add a <release> for the new version"
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]


def test_desktop_entry_has_what_launchers_need() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "econdesk"
    assert section["Icon"] == APP_ID
    assert section["Categories"].endswith(";")


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512, 1024])
def test_png_sizes_are_what_their_names_say(size: int) -> None:
    data = (ICONS / f"econdesk-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_ico_directory_points_at_png_images() -> None:
    data = (ICONS / "econdesk.ico").read_bytes()
    _, kind, count = struct.unpack("<HHH", data[:6])
    assert kind == 1 and count >= 5
    for i in range(count):
        w, _h, _c, _r, _p, _b, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        image = data[offset : offset + size]
        assert image[:4] == b"\x89PNG"
        assert struct.unpack(">I", image[16:20])[0] == (w or 256)


def test_icns_holds_the_retina_sizes() -> None:
    data = (ICONS / "econdesk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, pos = set(), 8
    while pos < len(data):
        kinds.add(data[pos : pos + 4])
        pos += struct.unpack(">I", data[pos + 4 : pos + 8])[0]
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def test_spec_takes_name_and_version_from_pyproject() -> None:
    spec = (ROOT / "packaging" / "econdesk.spec").read_text(encoding="utf-8")
    assert 'project["name"]' in spec and 'project["version"]' in spec
    assert "econdesk/storage/migrations" in spec  # alembic reads its scripts from disk
