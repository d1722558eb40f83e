"""Dialogs: short, focused tasks opened from a screen."""
