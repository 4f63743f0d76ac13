"""Allow ``python -m audit``."""

from .cli import main

main()
