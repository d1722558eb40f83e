"""Qt item models over the services' dataclasses (tables and their filter proxies)."""
