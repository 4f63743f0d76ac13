"""Errors in rule packs and standards files."""


class RuleError(Exception):
    """A rule pack or standards file is invalid. The message names the file, the rule id and the field."""
