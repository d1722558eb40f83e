"""Open the Facilitator app (same as the `facilitator` command)."""

from facilitator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
