"""The `id` path converter: a database id in a URL, at most 18 digits.

Django's `int` converter takes any number of digits, and an id past the database's 64-bit integers made some pages
fail with a server error (OverflowError on SQLite) instead of "not found". Eighteen digits stay below 2**63, so a
longer number matches no URL and is a 404 like any other unknown address.
"""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
