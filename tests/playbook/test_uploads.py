"""The one check that an uploaded file is text, used by the bank file import and the moderation import."""

import pytest
from django.core.exceptions import ValidationError

from playbook.uploads import text_file_check

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"


@pytest.mark.parametrize("data", [PNG, XLSX, b"text\n" + b"a" * 8000 + b"\x00"])
def test_a_binary_file_is_refused_with_what_the_import_reads(data):
    with pytest.raises(ValidationError) as refused:
        text_file_check(data, formats="Use YAML.", utf8_only=False)
    assert refused.value.messages == ["This is a binary file (an image, a spreadsheet or an archive, for "
                                      "instance), not text. Use YAML."]


def test_a_nul_byte_past_the_first_8_kb_is_not_looked_for():
    text_file_check(b"text\n" + b"a" * 8200 + b"\x00", formats="", utf8_only=False)


def test_utf8_with_or_without_a_bom_is_text():
    for data in ("title: Café".encode(), "title: Café".encode("utf-8-sig")):
        text_file_check(data, formats="")


def test_a_bank_file_must_be_utf8():
    with pytest.raises(ValidationError, match=r"The file is not UTF-8 text \(byte 10\); save it as UTF-8."):
        text_file_check("title: Café".encode("cp1252"), formats="")
    with pytest.raises(ValidationError, match="The file is UTF-16 text; save it as UTF-8."):
        text_file_check("title: Café".encode("utf-16"), formats="")


def test_an_import_also_reads_utf16_and_other_8_bit_text():
    text_file_check("text\nCafé?".encode("utf-16"), formats="", utf8_only=False)
    text_file_check("text\nCafé?".encode("cp1252"), formats="", utf8_only=False)
    with pytest.raises(ValidationError, match="The file says it is UTF-16 but byte 6 is not"):
        text_file_check(b"\xff\xfet\x00e\x00\x00\xd8", formats="", utf8_only=False)
