"""The one check that an uploaded file is text, shared by every import (a bank file, a moderation import), so an
image, a spreadsheet or an archive is refused with the same clear message by the form, before anything is kept
or queued, and by whatever reads the file later."""

import codecs

from django.core.exceptions import ValidationError

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# As git and grep judge it: text in the encodings we read never holds a NUL byte (UTF-16 does, but starts with a BOM).
SNIFF_BYTES = 8192


def text_file_check(data: bytes, *, formats: str, utf8_only: bool = True) -> None:
    """Raise ValidationError unless `data` is text. `formats` says what the import reads, for the message. A bank
    file must be UTF-8; a moderation import (`utf8_only=False`) also reads UTF-16 with a BOM, and reads other
    bytes as Windows-1252 with a warning, because that is what spreadsheet programs usually mean by "CSV"."""
    if data.startswith(UTF16_BOMS):
        if utf8_only:
            raise ValidationError("The file is UTF-16 text; save it as UTF-8.")
        try:
            data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValidationError(
                f"The file says it is UTF-16 but byte {error.start:,} is not: save it as UTF-8.") from None
        return
    if b"\x00" in data[:SNIFF_BYTES]:
        raise ValidationError("This is a binary file (an image, a spreadsheet or an archive, for instance), not "
                              f"text. {formats}")
    if utf8_only:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(f"The file is not UTF-8 text (byte {error.start:,}); save it as UTF-8.") from None
