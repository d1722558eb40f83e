"""Protocol templates as values: phases, vitals schedule, thresholds, and their validation.

A protocol arrives as a mapping (from a built-in TOML file, the protocols editor or a session's
stored copy) and leaves as a frozen :class:`ProtocolSpec`. Every problem is reported as a
:class:`ProtocolError` naming the field, so a clinic editing a file learns exactly what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from facilitator.domain.enums import ProtocolKind

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_PHASE_MINUTES = 24 * 60


class ProtocolError(ValueError):
    """A protocol that cannot be used, with the field at fault."""

    def __init__(self, field_name: str, message: str, source: str | None = None) -> None:
        self.field_name = field_name
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}field '{field_name}' {message}")


@dataclass(frozen=True)
class Thresholds:
    """Blood pressure, SpO2 and heart-rate limits (CLINICAL.md defaults); all clinic-editable."""

    caution_systolic: int = 140
    caution_diastolic: int = 90
    hold_systolic: int = 160
    hold_diastolic: int = 100
    alert_systolic: int = 180
    alert_diastolic: int = 110
    spo2_min: int = 92
    heart_rate_min: int = 50
    heart_rate_max: int = 120
    overdue_after_minutes: int = 5


@dataclass(frozen=True)
class PhaseSpec:
    """One planned phase of a protocol."""

    name: str
    minutes: int
    purpose: str = ""
    prompts: tuple[str, ...] = ()
    colour: str = "#6b8f9c"
    chime: bool = True
    vitals_check: bool = False
    sharing: bool = False


@dataclass(frozen=True)
class ProtocolSpec:
    """A whole protocol: the template a session copies when it is planned."""

    key: str
    name: str
    kind: ProtocolKind
    phases: tuple[PhaseSpec, ...]
    description: str = ""
    pre_dose_vitals: bool = True
    vitals_after_dose_minutes: tuple[int, ...] = (40, 90)
    vitals_before_discharge: bool = True
    min_observation_minutes: int = 120
    share_minutes: int = 5
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def total_minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def settings_dict(self) -> dict[str, Any]:
        """The monitoring settings a session keeps with its copy (everything but the phases)."""
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind.value,
            "description": self.description,
            "pre_dose_vitals": self.pre_dose_vitals,
            "vitals_after_dose_minutes": list(self.vitals_after_dose_minutes),
            "vitals_before_discharge": self.vitals_before_discharge,
            "min_observation_minutes": self.min_observation_minutes,
            "share_minutes": self.share_minutes,
            "thresholds": asdict(self.thresholds),
        }

    def to_dict(self) -> dict[str, Any]:
        """A mapping that :func:`parse_protocol` turns back into an equal spec."""
        data = self.settings_dict()
        data["phases"] = [
            {**asdict(p), "prompts": list(p.prompts)} for p in self.phases
        ]
        return data


def _get(data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], default: Any,
         source: str | None, prefix: str = "") -> Any:
    value = data.get(name, default)
    label = f"{prefix}{name}"
    if value is _REQUIRED:
        raise ProtocolError(label, "is missing", source)
    # bool is an int in Python; a flag must not pass as a number, nor a number as a flag.
    if kind is int and isinstance(value, bool):
        raise ProtocolError(label, f"must be a whole number, not {value!r}", source)
    if not isinstance(value, kind):
        names = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}
        wanted = names.get(kind, str(kind)) if isinstance(kind, type) else "a list"
        raise ProtocolError(label, f"must be {wanted}, not {value!r}", source)
    return value


_REQUIRED: Any = object()


def _minutes(value: int, label: str, source: str | None, *, allow_zero: bool = False) -> int:
    low = 0 if allow_zero else 1
    if value < low or value > MAX_PHASE_MINUTES:
        raise ProtocolError(label, f"must be between {low} and {MAX_PHASE_MINUTES} minutes, not {value}", source)
    return value


def _parse_phase(raw: Any, index: int, source: str | None) -> PhaseSpec:
    prefix = f"phases[{index + 1}]."
    if not isinstance(raw, Mapping):
        raise ProtocolError(f"phases[{index + 1}]", "must be a table of phase settings", source)
    name = _get(raw, "name", str, _REQUIRED, source, prefix).strip()
    if not name:
        raise ProtocolError(prefix + "name", "must not be empty", source)
    minutes = _minutes(_get(raw, "minutes", int, _REQUIRED, source, prefix), prefix + "minutes", source)
    prompts = _get(raw, "prompts", list, [], source, prefix)
    if not all(isinstance(p, str) for p in prompts):
        raise ProtocolError(prefix + "prompts", "must be a list of text lines", source)
    colour = _get(raw, "colour", str, "#6b8f9c", source, prefix)
    if not _COLOUR.match(colour):
        raise ProtocolError(prefix + "colour", f"must look like #5b8a72, not {colour!r}", source)
    return PhaseSpec(
        name=name,
        minutes=minutes,
        purpose=_get(raw, "purpose", str, "", source, prefix),
        prompts=tuple(prompts),
        colour=colour,
        chime=_get(raw, "chime", bool, True, source, prefix),
        vitals_check=_get(raw, "vitals_check", bool, False, source, prefix),
        sharing=_get(raw, "sharing", bool, False, source, prefix),
    )


def _parse_thresholds(raw: Any, source: str | None) -> Thresholds:
    if raw is None:
        return Thresholds()
    if not isinstance(raw, Mapping):
        raise ProtocolError("thresholds", "must be a table of limits", source)
    defaults = asdict(Thresholds())
    unknown = set(raw) - set(defaults)
    if unknown:
        raise ProtocolError(f"thresholds.{sorted(unknown)[0]}", "is not a known threshold", source)
    values = {k: _get(raw, k, int, v, source, "thresholds.") for k, v in defaults.items()}
    t = Thresholds(**values)
    checks: Sequence[tuple[str, bool, str]] = (
        ("thresholds.hold_systolic", t.caution_systolic <= t.hold_systolic <= t.alert_systolic,
         "must lie between the caution and alert systolic limits"),
        ("thresholds.hold_diastolic", t.caution_diastolic <= t.hold_diastolic <= t.alert_diastolic,
         "must lie between the caution and alert diastolic limits"),
        ("thresholds.heart_rate_max", t.heart_rate_min < t.heart_rate_max,
         "must be above heart_rate_min"),
        ("thresholds.spo2_min", 50 <= t.spo2_min <= 100, "must be a percentage between 50 and 100"),
        ("thresholds.overdue_after_minutes", 0 <= t.overdue_after_minutes <= 60,
         "must be between 0 and 60 minutes"),
    )
    for label, ok, message in checks:
        if not ok:
            raise ProtocolError(label, message, source)
    return t


def parse_protocol(data: Mapping[str, Any], source: str | None = None) -> ProtocolSpec:
    """Validate a protocol mapping and return its spec.

    Accepts both the TOML layout (``[protocol]`` table + ``[[phases]]`` + ``[thresholds]``) and the
    flat layout that :meth:`ProtocolSpec.to_dict` writes.

    Raises:
        ProtocolError: naming the first field at fault (and ``source``, the file, if given).
    """
    head: Mapping[str, Any] = data.get("protocol", data)
    if not isinstance(head, Mapping):
        raise ProtocolError("protocol", "must be a table", source)
    key = _get(head, "key", str, _REQUIRED, source).strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        raise ProtocolError("key", "must be lower-case letters, digits and dashes", source)
    name = _get(head, "name", str, _REQUIRED, source).strip()
    if not name:
        raise ProtocolError("name", "must not be empty", source)
    kind_raw = _get(head, "kind", str, ProtocolKind.DOSING.value, source)
    try:
        kind = ProtocolKind(kind_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in ProtocolKind)
        raise ProtocolError("kind", f"must be one of {allowed}, not {kind_raw!r}", source) from None
    raw_phases = data.get("phases", _REQUIRED)
    if raw_phases is _REQUIRED:
        raise ProtocolError("phases", "is missing", source)
    if not isinstance(raw_phases, list) or not raw_phases:
        raise ProtocolError("phases", "must list at least one phase", source)
    phases = tuple(_parse_phase(p, i, source) for i, p in enumerate(raw_phases))
    schedule = _get(head, "vitals_after_dose_minutes", list, [40, 90], source)
    if not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 24 * 60 for m in schedule):
        raise ProtocolError("vitals_after_dose_minutes", "must list minutes after the dose (1 to 1440)", source)
    if list(schedule) != sorted(set(schedule)):
        raise ProtocolError("vitals_after_dose_minutes", "must be in increasing order without repeats", source)
    return ProtocolSpec(
        key=key,
        name=name,
        kind=kind,
        phases=phases,
        description=_get(head, "description", str, "", source).strip(),
        pre_dose_vitals=_get(head, "pre_dose_vitals", bool, True, source),
        vitals_after_dose_minutes=tuple(schedule),
        vitals_before_discharge=_get(head, "vitals_before_discharge", bool, True, source),
        min_observation_minutes=_minutes(
            _get(head, "min_observation_minutes", int, 120, source), "min_observation_minutes", source,
            allow_zero=True),
        share_minutes=_minutes(_get(head, "share_minutes", int, 5, source), "share_minutes", source),
        thresholds=_parse_thresholds(data.get("thresholds", head.get("thresholds")), source),
    )
