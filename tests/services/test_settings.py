"""Per-machine settings survive restarts and shrug off damaged files."""

from pathlib import Path

from facilitator.settings import Settings, load_settings, save_settings


def test_defaults_when_missing(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_round_trip(tmp_path: Path) -> None:
    chosen = Settings().with_changes(theme="dark", large_text=True, chime_volume=0.2, idle_lock_minutes=10)
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_damaged_or_hand_edited_files_fall_back_field_by_field(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text('{"theme": "purple", "large_text": "yes", "idle_lock_minutes": 3}')
    loaded = load_settings(tmp_path)
    assert loaded.theme == "system" and loaded.large_text is False and loaded.idle_lock_minutes == 3
    (tmp_path / "settings.json").write_text("[1, 2]")
    assert load_settings(tmp_path) == Settings()


def test_logged_tracebacks_carry_no_exception_message(tmp_path: Path) -> None:
    import logging

    from facilitator.logs import configure_logging

    log_file = configure_logging(tmp_path)
    assert log_file is not None
    record_text = "".join(["Wilhelmina ", "Quixo", "tesco's note text"])  # data, as it would come from a record
    try:
        raise ValueError(record_text)
    except ValueError:
        logging.getLogger("facilitator.test").exception("something failed")
    for handler in logging.getLogger("facilitator").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "something failed" in text and "ValueError" in text and "Quixotesco" not in text
