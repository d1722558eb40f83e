"""`python -m facilitator` runs the command-line interface."""

from facilitator.cli import main

raise SystemExit(main())
