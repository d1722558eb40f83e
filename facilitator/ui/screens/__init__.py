"""One module per screen; each exposes ``create(ctx) -> QWidget`` (see ``facilitator.ui.navigation``)."""
