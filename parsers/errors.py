"""Errors raised while opening and reading export archives.

Every message names the file and says what the user can do about it; the CLI prints it as one line.
"""


class ArchiveError(Exception):
    """An input path cannot be used as an export: not a zip or folder, encrypted, damaged, unknown."""


class DataFileError(Exception):
    """A member file of an export cannot be parsed as the data file it should be."""
