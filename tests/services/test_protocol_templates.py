"""The protocols editor's service: create, duplicate, edit, archive or delete templates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.domain.clock import FakeClock
from facilitator.domain.protocol import PhaseSpec, Thresholds
from facilitator.errors import UserError
from facilitator.services.protocol_templates import (
    Removal,
    create_template,
    duplicate_template,
    get_template,
    remove_template,
    restore_template,
    update_template,
)
from facilitator.services.protocols import list_protocols
from facilitator.services.runner import start_session
from facilitator.services.session_setup import plan_session
from tests.services.conftest import NOW, Clinic

NEW = {
    "name": "Núcleo breathwork circle",
    "kind": "integration",
    "description": "A short circle with breathwork.",
    "share_minutes": 4,
    "phases": [
        {"name": "Arrival", "minutes": 10, "colour": "#7c9a8e", "prompts": ["Phones away."]},
        {"name": "Breathwork", "minutes": 25, "purpose": "Slow breathing together.", "chime": False},
        {"name": "Sharing", "minutes": 40, "sharing": True, "vitals_check": False},
    ],
}


def builtin_id(store, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(p.id for p in store.run(list_protocols) if p.key == key)


def test_create_from_the_editors_fields(store) -> None:  # type: ignore[no-untyped-def]
    detail = store.run(create_template, NEW)
    assert detail.spec.key == "nucleo-breathwork-circle" and not detail.builtin
    assert detail.total_minutes == 75 and detail.spec.share_minutes == 4
    assert detail.spec.phases[0].prompts == ("Phones away.",) and detail.spec.phases[1].chime is False
    assert store.run(get_template, detail.id) == detail
    again = store.run(create_template, {**NEW, "name": "Nucleo breathwork circle"})
    assert again.spec.key == "nucleo-breathwork-circle-2"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"phases": []}, "at least one phase"),
        ({"phases": [{"name": "Arrival", "minutes": 0}]}, r"'phases\[1\]\.minutes' must be between 1 and 1440"),
        ({"phases": [{"name": "Arrival", "minutes": -10}]}, "not -10"),
        ({"phases": [{"name": "Arrival", "minutes": 10, "colour": "red"}]}, "colour"),
        ({"name": "  "}, "name' must not be empty"),
        ({"name": "x" * 161}, "at most 160 characters"),
        ({"vitals_after_dose_minutes": [90, 40]}, "increasing order"),
        ({"thresholds": {"spo2_min": 30}}, "percentage"),
    ],
)
def test_invalid_templates_are_refused_naming_the_field(store, change: dict, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        store.run(create_template, {**NEW, **change})


def test_names_and_keys_are_unique(store) -> None:  # type: ignore[no-untyped-def]
    store.run(create_template, NEW)
    with pytest.raises(UserError, match="named 'Núcleo breathwork circle' already exists"):
        store.run(create_template, {**NEW, "key": "another"})
    with pytest.raises(UserError, match="key 'group-kap-sublingual' already exists"):
        store.run(create_template, {**NEW, "name": "Other", "key": "group-kap-sublingual"})


def test_builtins_are_read_only_but_can_be_duplicated(store) -> None:  # type: ignore[no-untyped-def]
    pid = builtin_id(store, "group-kap-sublingual")
    original = store.run(get_template, pid)
    assert original.builtin and original.total_minutes == 200
    with pytest.raises(UserError, match="Built-in protocols are read-only and cannot be edited"):
        store.run(update_template, pid, replace(original.spec, name="Mine"))
    with pytest.raises(UserError, match="cannot be deleted or archived"):
        store.run(remove_template, pid)
    copy = store.run(duplicate_template, pid)
    assert copy.spec.key == "group-kap-sublingual-copy" and copy.spec.name == f"{original.spec.name} (copy)"
    assert not copy.builtin and copy.spec.phases == original.spec.phases
    assert copy.spec.thresholds == original.spec.thresholds
    second = store.run(duplicate_template, pid)
    assert second.spec.key == "group-kap-sublingual-copy-2" and second.spec.name.endswith("(copy 2)")


def test_editing_phases_schedule_and_thresholds(store) -> None:  # type: ignore[no-untyped-def]
    detail = store.run(create_template, NEW)
    phases = (*detail.spec.phases[::-1], PhaseSpec(name="Closing", minutes=5, colour="#5b8a72", vitals_check=True))
    spec = replace(detail.spec, name="Breathwork circle", phases=phases, vitals_after_dose_minutes=(30, 60, 120),
                   thresholds=replace(Thresholds(), alert_systolic=175))
    updated = store.run(update_template, detail.id, spec, version=detail.version)
    assert updated.spec == spec and updated.total_minutes == 80 and updated.version > detail.version
    with pytest.raises(UserError, match="changed elsewhere since it was opened"):
        store.run(update_template, detail.id, spec, version=detail.version)
    with pytest.raises(UserError, match="between 1 and 1440"):
        store.run(update_template, detail.id, replace(spec, phases=(replace(phases[0], minutes=0),)))


def test_a_phase_only_edit_still_bumps_the_version(store) -> None:  # type: ignore[no-untyped-def]
    detail = store.run(create_template, NEW)
    spec = replace(detail.spec, phases=detail.spec.phases[:1])
    assert store.run(update_template, detail.id, spec).version == detail.version + 1


def test_remove_deletes_an_unused_template_and_archives_a_used_one(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    unused = store.run(create_template, NEW)
    assert store.run(remove_template, unused.id) is Removal.DELETED
    with pytest.raises(UserError, match=f"no protocol with id {unused.id}"):
        store.run(get_template, unused.id)
    used = store.run(duplicate_template, clinic.dosing_protocol_id)
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=used.id, scheduled_start=NOW)
    store.run(start_session, plan.id, FakeClock(NOW))
    assert store.run(get_template, used.id).sessions_using == 1
    assert store.run(remove_template, used.id) is Removal.ARCHIVED
    assert used.id not in {p.id for p in store.run(list_protocols)}
    assert used.id in {p.id for p in store.run(list_protocols, include_archived=True)}
    assert not store.run(restore_template, used.id).archived
