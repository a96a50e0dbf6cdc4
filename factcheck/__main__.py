"""``python -m factcheck`` runs the same CLI as the console script."""

from .cli import main

main()
