"""The demo clinic's public, fictional sign-in (shown on its login window, so kept tiny to import)."""

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-clinic-pass"
