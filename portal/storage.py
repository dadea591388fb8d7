"""Static files for production: the site's own styles and scripts minified, then hashed and compressed.

whitenoise's manifest storage gives every file a name with its content hash (so it may be
cached for a year) and writes gzip/brotli copies beside it; this storage also strips
comments and spaces from the portal's own CSS and JavaScript before they are hashed.
Files of Wagtail and other apps arrive minified already and are left as they are.
"""

from django.core.files.base import ContentFile
from rcssmin import cssmin
from rjsmin import jsmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

OWN_FOLDERS = ("css/", "js/")
MINIFIERS = {".css": cssmin, ".js": jsmin}


def minified(name: str, text: str) -> str | None:
    """`text` minified if `name` is one of the portal's own styles or scripts, else None."""
    if not name.startswith(OWN_FOLDERS) or ".min." in name:
        return None
    minify = next((function for suffix, function in MINIFIERS.items() if name.endswith(suffix)), None)
    return minify(text) if minify else None


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        if name.startswith(OWN_FOLDERS) and name.endswith(tuple(MINIFIERS)):
            content.seek(0)
            text = content.read()
            small = minified(name, text.decode() if isinstance(text, bytes) else text)
            if small is not None:
                content = ContentFile(small.encode())
        return super()._save(name, content)
