"""Build Facilitator's one-folder bundle for this OS; on Linux also its tarball, on Windows its installer.

Usage: ``python packaging/build.py [--dist DIR] [--work DIR]`` with PyInstaller installed in the
Python that runs it (a build environment, not the app's development one). Prints where things went.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "facilitator.spec"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
METAINFO = "org.facilitator.Facilitator.metainfo.xml"


def version() -> str:
    """``facilitator.__version__``, read from the source so the build never imports the app."""
    text = (ROOT / "facilitator" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not found:
        raise SystemExit("build: facilitator/__init__.py has no __version__.")
    return found.group(1)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("build: PyInstaller is not installed in this Python; run it from a build venv "
                         "(python -m venv VENV && VENV/bin/pip install pyinstaller -e .).") from None
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)


def add_linux_desktop_files(bundle: Path, ver: str) -> None:
    """The .desktop entry, AppStream metainfo and hicolor icons, under ``share/`` like an install prefix."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / "linux" / "facilitator.desktop", share / "applications")
    metainfo = (PACKAGING / "linux" / METAINFO).read_text(encoding="utf-8")
    if f'<release version="{ver}"' not in metainfo:
        print(f"build: warning: {METAINFO} has no <release> entry for {ver}; add one.", file=sys.stderr)
    (share / "metainfo" / METAINFO).write_text(metainfo, encoding="utf-8")
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGING / "icons" / f"facilitator-{size}.png", target / "facilitator.png")
    shutil.copy2(PACKAGING / "linux" / "install-desktop-entry.sh", bundle / "install-desktop-entry.sh")


def linux_tarball(bundle: Path, dist: Path, ver: str) -> Path:
    arch = platform.machine() or "x86_64"
    name = f"facilitator-{ver}-linux-{arch}"
    archive = dist / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=name)
    return archive


def windows_installer(dist: Path, ver: str) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("build: Inno Setup (iscc) is not on PATH; the installer was not built. "
              "Install Inno Setup 6 and run: iscc packaging/windows/facilitator.iss")
        return None
    subprocess.run([iscc, f"/DAppVersion={ver}", f"/DDistDir={dist}", str(PACKAGING / "windows" / "facilitator.iss")],
                   check=True, cwd=ROOT)
    return dist / f"facilitator-{ver}-windows-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's scratch folder (default build/pyinstaller/)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    ver = version()
    started = time.monotonic()
    run_pyinstaller(dist, work)
    bundle = dist / "facilitator"
    outputs: list[Path] = []
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(bundle, ver)
        outputs.append(linux_tarball(bundle, dist, ver))
    elif sys.platform == "win32":
        installer = windows_installer(dist, ver)
        if installer is not None:
            outputs.append(installer)
    elif sys.platform == "darwin":
        outputs.append(dist / "Facilitator.app")
        print("build: sign and notarize the app before handing it out: see packaging/macos/README.md")
    seconds = time.monotonic() - started
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB), facilitator {ver}, built in {seconds:.0f} s")
    for output in outputs:
        size = f" ({output.stat().st_size / 1e6:.0f} MB)" if output.is_file() else ""
        print(f"output: {output}{size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
