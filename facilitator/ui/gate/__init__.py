"""Before the main window: first run (demo clinic or a new clinic), sign-in and emergency access."""
