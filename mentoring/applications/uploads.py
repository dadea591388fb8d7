"""What an uploaded business plan really is, judged by its content rather than its name.

A PDF is recognised by its signature. DOCX and ODT are both zip archives, so
the signature alone says only "zip": the archive decides. An ODT stores an
uncompressed first member `mimetype` naming its type, beside `content.xml` and
`META-INF/manifest.xml`; a DOCX has `word/document.xml` and a
`[Content_Types].xml` declaring it the main wordprocessing document. Only the
table of contents and at most a few KiB of those two small members are read,
never more, so a zip bomb costs nothing.

`BusinessPlanSizeLimit` stops reading an upload as soon as it passes the limit,
so a huge file never reaches the disk. `MultipartMustClose` refuses a body that
ends before its closing boundary, so a cut-off upload is never stored cut short.
`UnusableNamesReachTheForm` keeps a file whose name is nothing but separators or
unprintable characters, so the form judges it instead of it vanishing unseen.
"""

import zipfile
from typing import BinaryIO

import filetype
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http.multipartparser import MultiPartParser, MultiPartParserError

PDF, DOCX, ODT = "pdf", "docx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
# filetype looks for OOXML markers some way into the file; 8 KiB covers what it reads.
_HEAD_BYTES = 8192
_ZIP_GUESSES = {"zip", "docx", "odt"}
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# [Content_Types].xml of a real document is well under 4 KiB; more than this is not one.
_MAX_CONTENT_TYPES_BYTES = 64 * 1024


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


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None when it is (or claims to be) larger than `limit`."""
    if info.file_size > limit:
        return None
    # The declared size may lie: never decompress more than `limit` + 1 bytes.
    with archive.open(info) as member:
        data = member.read(limit + 1)
    return data if len(data) <= limit else None


def _zip_document_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if infos and infos[0].filename == "mimetype":
                return ODT if _is_odt(archive, infos[0], names) else None
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                types = _read_small(archive, archive.getinfo("[Content_Types].xml"), _MAX_CONTENT_TYPES_BYTES)
                if types is not None and _DOCX_MAIN in types:
                    return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError):
        return None
    return None


def _is_odt(archive: zipfile.ZipFile, mimetype: zipfile.ZipInfo, names: set[str]) -> bool:
    """The OpenDocument rules: `mimetype` first and stored, naming a text document; content and manifest."""
    if mimetype.compress_type != zipfile.ZIP_STORED:
        return False
    if not {"content.xml", "META-INF/manifest.xml"} <= names:
        return False
    return _read_small(archive, mimetype, 100) == CONTENT_TYPES[ODT].encode()


class BusinessPlanSizeLimit(FileUploadHandler):
    """Drops a business plan upload once it passes `BUSINESS_PLAN_MAX_BYTES`, before it fills the disk.

    Only the `business_plan` field is limited: the Wagtail admin's images and
    documents have limits of their own. The skipped field's name is kept on the
    request (see `oversized_fields`) so the form can say why the file is missing.
    """

    FIELDS = frozenset({"business_plan"})

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.field_name in self.FIELDS:
            self.received += len(raw_data)
            if self.received > settings.BUSINESS_PLAN_MAX_BYTES:
                oversized = getattr(self.request, "oversized_uploads", set())
                oversized.add(self.field_name)
                self.request.oversized_uploads = oversized
                raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class MultipartMustClose(FileUploadHandler):
    """Refuses a multipart body that ends before its closing delimiter (`--boundary--`).

    Django's parser takes a body that stops in the middle of a part as if the part
    ended there, so an upload cut off on the way would be stored cut short, and the
    fields after it silently missing. The closing delimiter is the only sign that the
    whole body arrived; without it the request is a 400 and nothing is stored.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.closing = b"--" + boundary + b"--"
        self.closed = False
        self._overlap = b""
        read = input_data.read

        def read_watching(*args, **kwargs):
            data = read(*args, **kwargs)
            if data and not self.closed:
                window = self._overlap + data
                self.closed = self.closing in window
                self._overlap = window[-(len(self.closing) - 1) :]
            return data

        # The parser reads the body through `input_data.read` (the request's), chunk by chunk.
        input_data.read = read_watching
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None

    def upload_complete(self):
        if not self.closed:
            raise MultiPartParserError("The multipart body ends before its closing boundary.")


UNNAMED = "unnamed"


class _UnusableNamesKept(MultiPartParser):
    def sanitize_file_name(self, file_name):
        # Django drops a file whose name sanitises to nothing ("/", "..", only control
        # characters), so the form would take a chosen file for no file: keep it, neutrally named.
        return super().sanitize_file_name(file_name) or UNNAMED


class UnusableNamesReachTheForm(FileUploadHandler):
    """Parses a multipart body so that a file with an unusable name arrives as `UNNAMED`.

    The form then says what is wrong with the file (empty, not a document) beside
    its field, instead of the upload disappearing and the step going on without it.
    A part sent without any file name (no file chosen) is still no file. Must come
    first in `FILE_UPLOAD_HANDLERS`: it hands the body, and the other handlers, to the parser.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        others = [handler for handler in self.request.upload_handlers if handler is not self]
        return _UnusableNamesKept(META, input_data, others, encoding).parse()

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def oversized_fields(request) -> frozenset[str]:
    """The file fields of `request` that `BusinessPlanSizeLimit` dropped for being too large."""
    request.FILES  # noqa: B018 -- parsing the body is what records them
    return frozenset(getattr(request, "oversized_uploads", ()))


def content_type_for(name: str) -> str:
    """The content type to serve a stored business plan with, from its stored (content-derived) suffix."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(suffix, "application/octet-stream")
