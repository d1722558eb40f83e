"""Small scripts that make the files the app ships (run from a checkout, not at run time)."""
