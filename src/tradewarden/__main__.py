"""``python -m tradewarden`` runs the CLI."""

from tradewarden.cli import main

main()
