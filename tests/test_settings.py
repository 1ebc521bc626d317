"""One settings object, one precedence rule (flag > environment > config.toml > default),
and the app and every subcommand see the same values, `--demo` included."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from tui.app.app import OfferApp
from tui.cli import main
from tui.commands import COMMANDS
from tui.demo import demo_offers
from tui.model import Offer
from tui.settings import Flags, Settings, resolve
from tui.store.offers import OfferStore

# Enough arguments for each subcommand to parse.
SUBCOMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "export": ["export"],
    "import": ["import", "offers.csv"],
    "score": ["score", "--question", "why-changed-mind"],
    "checklist": ["checklist", "some-offer"],
    "template": ["template", "decline-email"],
    "serve": ["serve", "--ssh"],
    "restore": ["restore"],
}
DEMO_IDS = sorted(o.id for o in demo_offers(__import__("datetime").date.today()))


def write_config(home: Path, text: str) -> None:
    path = home / "config" / "offer-tui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def offer_ids(data_dir: Path) -> list[str]:
    return sorted(p.stem for p in (data_dir / "offers").glob("*.toml"))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Settings, list[str]]]:
    """Every run of the app or a subcommand records the settings it was given and the offers
    in its data directory (instead of doing its work)."""
    records: list[tuple[str, Settings, list[str]]] = []

    def spy(name: str):  # type: ignore[no-untyped-def]
        def run(args: Any) -> int:
            records.append((name, args.settings, offer_ids(args.settings.data_dir)))
            return 0

        return run

    for name, module_name in COMMANDS.items():
        monkeypatch.setattr(
            importlib.import_module(f"tui.commands.{module_name}"), "run", spy(name)
        )

    def app_run(self: OfferApp, **kwargs: Any) -> None:
        records.append(("app", self.settings, offer_ids(self.data_dir)))

    monkeypatch.setattr(OfferApp, "run", app_run)
    return records


def run_everywhere(*flags: str) -> None:
    assert main(list(flags)) == 0
    for argv in SUBCOMMANDS.values():
        assert main([*flags, *argv]) == 0


def the_one(records: list[tuple[str, Settings, list[str]]]) -> Settings:
    names = [name for name, _, _ in records]
    assert names == ["app", *SUBCOMMANDS], names
    first = records[0][1]
    assert [name for name, settings, _ in records if settings != first] == []
    return first


def test_defaults(seen, isolated_dirs: Path) -> None:
    run_everywhere()
    settings = the_one(seen)
    assert settings.data_dir == isolated_dirs / "data" / "offer-tui"
    assert (settings.theme, settings.mouse, settings.privacy, settings.my_name) == (
        "textual-dark",
        True,
        False,
        "",
    )
    assert dict(settings.keymap) == {} and not settings.demo and not settings.served


def test_config_file_sets_everything(seen, isolated_dirs: Path, tmp_path: Path) -> None:
    write_config(
        isolated_dirs,
        f'theme = "nord"\nmouse = false\nprivacy = true\nmy_name = "Alex Kim"\n'
        f'sign_off = "Best wishes"\n'
        f'data_dir = "{tmp_path / "synced"}"\n[keymap]\n"offer.add" = "n"\n',
    )
    run_everywhere()
    settings = the_one(seen)
    assert settings.data_dir == tmp_path / "synced"
    assert (settings.theme, settings.mouse, settings.privacy) == ("nord", False, True)
    assert settings.my_name == "Alex Kim" and dict(settings.keymap) == {"offer.add": "n"}
    assert settings.sign_off == "Best wishes"


def test_environment_beats_the_config_file(
    seen, isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(isolated_dirs, f'data_dir = "{tmp_path / "synced"}"\n')
    monkeypatch.setenv("OFFER_TUI_DATA", str(tmp_path / "from-env"))
    monkeypatch.setenv("OFFER_TUI_SERVED", "1")
    run_everywhere()
    settings = the_one(seen)
    assert settings.data_dir == tmp_path / "from-env" and settings.served


def test_flags_beat_the_environment_and_the_file(
    seen, isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(isolated_dirs, f'theme = "nord"\ndata_dir = "{tmp_path / "synced"}"\n')
    monkeypatch.setenv("OFFER_TUI_DATA", str(tmp_path / "from-env"))
    run_everywhere("--data-dir", str(tmp_path / "from-flag"), "--theme", "dracula")
    settings = the_one(seen)
    assert settings.data_dir == tmp_path / "from-flag" and settings.theme == "dracula"


def test_demo_beats_every_route_to_the_data(
    seen, isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine"
    OfferStore(mine).save(Offer("Mine Inc", "Engineer", id="mine-1"))
    write_config(isolated_dirs, f'data_dir = "{mine}"\nmy_name = "Alex Kim"\n')
    monkeypatch.setenv("OFFER_TUI_DATA", str(mine))
    run_everywhere("--demo", "--data-dir", str(mine))
    assert [name for name, _, _ in seen] == ["app", *SUBCOMMANDS]
    for name, settings, ids in seen:
        assert settings.demo and settings.data_dir != mine, name
        assert ids == DEMO_IDS, name
        assert settings.my_name == "Alex Kim", name
    assert not seen[0][1].data_dir.exists()  # the demo copy is gone after the run


def test_config_data_dir_reaches_a_real_subcommand(
    isolated_dirs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "synced"
    OfferStore(synced).save(Offer("Synced Co", "Engineer", id="synced-1"))
    write_config(isolated_dirs, f'data_dir = "{synced}"\n')
    assert main(["export", "--format", "json"]) == 0
    assert [o["company"] for o in json.loads(capsys.readouterr().out)] == ["Synced Co"]


def test_demo_import_and_export_never_touch_the_users_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    OfferStore(mine).save(Offer("Mine Inc", "Engineer", id="mine-1"))
    before = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()}
    csv = tmp_path / "new.csv"
    csv.write_text("company,role\nImported Ltd,Designer\n")
    assert main(["--demo", "--data-dir", str(mine), "import", str(csv)]) == 0
    assert {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()} == before
    capsys.readouterr()
    assert main(["--demo", "--data-dir", str(mine), "export", "--format", "json"]) == 0
    companies = {o["company"] for o in json.loads(capsys.readouterr().out)}
    assert "Mine Inc" not in companies and "Northwind Health" in companies


def test_unknown_theme_flag_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--theme", "nordd", "export"]) == 2
    assert "unknown theme 'nordd'" in capsys.readouterr().err


def test_the_app_uses_its_settings(tmp_path: Path) -> None:
    settings = resolve(Flags(data_dir=str(tmp_path), theme="nord"), env={})
    app = OfferApp(settings.settings)
    assert (app.theme, app.data_dir, app.privacy) == ("nord", tmp_path, False)


def test_serve_passes_theme_and_demo_to_each_session() -> None:
    from tui.commands.serve import session_flags

    demo = Settings(Path("x"), theme="nord", demo=True)
    assert session_flags(demo) == ["--theme", "nord", "--demo"]
    assert session_flags(Settings(Path("x"))) == ["--theme", "textual-dark"]
