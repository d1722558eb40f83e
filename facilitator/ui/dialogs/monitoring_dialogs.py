"""The monitoring dialogs by the name a card's quick button asks for."""

from __future__ import annotations

from facilitator.ui.dialogs.discharge_dialog import DischargeDialog
from facilitator.ui.dialogs.dose_dialog import DoseDialog
from facilitator.ui.dialogs.observation_dialog import ObservationDialog

DIALOGS = {"dose": DoseDialog, "observation": ObservationDialog, "discharge": DischargeDialog}
