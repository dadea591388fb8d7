"""What an uploaded business plan really is, judged by its content rather than its name.

A PDF is recognised by its signature. DOCX and ODT are both zip archives, so
the signature alone says only "zip": the archive's table of contents decides —
an ODT names its type in a first member called `mimetype`, a DOCX has
`[Content_Types].xml` and a `word/` folder. Only the table of contents and the
few bytes of `mimetype` are read, never the members themselves, so a zip bomb
costs nothing.
"""

import zipfile
from typing import BinaryIO

import filetype

PDF, DOCX, ODT = "pdf", "docx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
# filetype looks for OOXML markers some way into the file; 8 KiB covers what it reads.
_HEAD_BYTES = 8192
_ZIP_GUESSES = {"zip", "docx", "odt"}


def document_kind(file: BinaryIO) -> str | None:
    """PDF, DOCX or ODT when the content is one of them, else None. Leaves `file` at its start."""
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.extension == PDF:
        return PDF
    if guess.extension not in _ZIP_GUESSES:
        return None
    try:
        kind = _zip_document_kind(file)
    finally:
        file.seek(0)
    return kind


def _zip_document_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                if archive.read("mimetype").strip() == CONTENT_TYPES[ODT].encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
                return DOCX
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return None
    return None


def content_type_for(name: str) -> str:
    """The content type to serve a stored business plan with, from its stored (content-derived) suffix."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(suffix, "application/octet-stream")
