"""Compile the .po catalogues to .mo with polib, so no GNU gettext is needed to build."""

from pathlib import Path

import polib


def catalogues_compile(*, root: Path, force: bool = False) -> list[Path]:
    """Write a .mo beside every .po under `root` that is missing or older; return those written."""
    written = []
    for po_path in sorted(root.rglob("*.po")):
        if ".venv" in po_path.parts or "site-packages" in po_path.parts:
            continue
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written
