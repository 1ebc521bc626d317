"""The staging folder of an import holds offers (salaries): it is private (0700) like every
other folder in the data folder, also when it is left behind by a full disk. Before, only
its innermost folder was; `.staging` itself was made with the umask's 0755."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.store import staging


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_staging_folder_is_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = staging.stage(tmp_path, "import", {"a-1.toml": b'company = "A"\n'})
    finally:
        os.umask(old)
    assert folder.parent == tmp_path / staging.STAGING
    for path in (folder.parent, folder, folder / "offers"):
        assert mode(path) == 0o700, f"{path} is {oct(mode(path))}"
