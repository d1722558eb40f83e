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
