"""Clinic-wide facts every laptop shares: the clinic's name and contact (printed on handouts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import ClinicSetting

KEYS = ("clinic_name", "clinic_phone", "clinic_address", "clinic_email")


@dataclass(frozen=True)
class ClinicInfo:
    name: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""


def get_clinic_info(session: Session) -> ClinicInfo:
    values = {row.key: row.value for row in session.scalars(select(ClinicSetting).where(ClinicSetting.key.in_(KEYS)))}
    return ClinicInfo(name=values.get("clinic_name", ""), phone=values.get("clinic_phone", ""),
                      address=values.get("clinic_address", ""), email=values.get("clinic_email", ""))


def set_clinic_setting(session: Session, key: str, value: str) -> None:
    if key not in KEYS:
        raise ValueError(f"unknown clinic setting {key!r}")
    row = session.get(ClinicSetting, key)
    if row is None:
        session.add(ClinicSetting(key=key, value=value.strip()))
    else:
        row.value = value.strip()
