"""The sandbox image, made on this machine: no registry is needed (or reachable).

``build_base`` makes a Debian root filesystem with ``debootstrap`` (from the mirror this
machine's apt already uses, or one named), imports it as an image, and adds a virtual
environment at ``/opt/homeostasis`` with the same pytest version Homeostasis runs with (its
wheels downloaded on the host and copied in: the build container has no network). Fault
localisation brings its own tracer, so nothing else is installed.

``project_image`` adds the project's own dependencies as a layer on top, tagged by the hash of
the files that declare them, so it is built once and reused until they change.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from homeostasis.core.errors import SandboxError
from homeostasis.tools.sandbox.docker.archive import folder_tar
from homeostasis.tools.sandbox.docker.layout import PYTHON, SANDBOX_HOME, USER, VENV

REPOSITORY = "homeostasis-sandbox"
#: Bump when the recipe below changes, so an old image is not taken for a new one.
RECIPE = "3"
TOOLS = ("pytest",)
REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt", "requirements-test.txt",
                     "test-requirements.txt", "dev-requirements.txt")
LABEL = "homeostasis.sandbox"

Say = Callable[[str], None]


def default_tag() -> str:
    """The tag of the image this version of Homeostasis builds and uses."""
    pins = "-".join(f"{name}{metadata.version(name)}" for name in TOOLS)
    digest = hashlib.sha256(f"{RECIPE}:{pins}".encode()).hexdigest()[:12]
    return f"{REPOSITORY}:{digest}"


def apt_mirror(sources: Path = Path("/etc/apt")) -> str | None:
    """The first Debian mirror this machine's apt uses (``sources.list`` or deb822 files)."""
    files = [sources / "sources.list", *sorted((sources / "sources.list.d").glob("*"))]
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            match = re.match(r"deb\s+(?:\[[^\]]*\]\s+)?(\S+)", line) or re.match(
                r"URIs:\s*(\S+)", line)
            if match and "security" not in match.group(1):
                return match.group(1)
    return None


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SandboxError(f"{what} failed: {' | '.join(tail)}")


def _download_wheels(requirements: list[str], dest: Path, what: str) -> None:
    """Download wheels for ``requirements`` with the host's pip into ``dest``. Wheels only: an
    sdist would run its build backend (the package's own code) here on the host, outside any
    sandbox."""
    _run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
          "--dest", str(dest), *requirements],
         f"downloading {what} (wheels only: a package with none must be built into an image "
         "of your own, sandbox_image or sandbox_dockerfile)")


def _layer(client: Any, base: str, tag: str, wheels: Path, script: str, labels: dict[str, str],
           ) -> None:
    """Run ``script`` as root in a container of ``base`` with no network and the wheels at
    /tmp/wheels, then commit the result as ``tag``."""
    container = client.containers.create(
        base, ["sh", "-c", script], network_mode="none", user="0:0", labels={LABEL: "build"})
    try:
        container.put_archive("/tmp", folder_tar(wheels, "wheels"))
        container.start()
        result = container.wait()
        if result.get("StatusCode") != 0:
            logs = container.logs().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise SandboxError(f"building {tag} failed: {' | '.join(logs)}")
        container.commit(repository=tag.split(":")[0], tag=tag.split(":")[1],
                         conf={"Labels": labels, "User": USER,
                               "Env": [f"PATH={VENV}/bin:/usr/local/bin:/usr/bin:/bin"]})
    finally:
        container.remove(force=True)


def build_base(client: Any, say: Say, mirror: str | None = None, suite: str = "bookworm",
               tag: str | None = None) -> str:
    """Build the sandbox image (a no-op when it exists); returns its tag."""
    tag = tag or default_tag()
    if image_exists(client, tag):
        say(f"The sandbox image {tag} is already built.")
        return tag
    if shutil.which("debootstrap") is None:
        raise SandboxError("debootstrap is not installed",
                           "install it (apt-get install debootstrap), or name an image of "
                           "your own with sandbox_image in [tool.homeostasis]")
    if os.geteuid() != 0:
        raise SandboxError("building the sandbox image needs root (debootstrap)",
                           "run `sudo homeostasis sandbox build`")
    mirror = mirror or apt_mirror()
    if not mirror:
        raise SandboxError("no Debian mirror found in /etc/apt", "pass --mirror URL")
    with tempfile.TemporaryDirectory(prefix="homeostasis-image-") as tmp:
        rootfs, wheels = Path(tmp) / "rootfs", Path(tmp) / "wheels"
        say(f"Making a Debian {suite} root filesystem with debootstrap (about a minute)…")
        _run(["debootstrap", "--variant=minbase", "--include=python3,python3-venv", suite,
              str(rootfs), mirror], "debootstrap")
        say("Importing it into Docker…")
        archive = Path(tmp) / "rootfs.tar"
        _run(["tar", "-C", str(rootfs), "-cf", str(archive), "."], "packing the root filesystem")
        shutil.rmtree(rootfs, ignore_errors=True)
        base = f"{REPOSITORY}-rootfs:{suite}"
        client.api.import_image_from_file(str(archive), repository=base.split(":")[0],
                                          tag=suite)
        say("Adding pytest…")
        wheels.mkdir()
        _download_wheels([f"{name}=={metadata.version(name)}" for name in TOOLS], wheels,
                         "pytest")
        _layer(client, base, tag, wheels,
               f"useradd --uid {USER.split(':')[0]} --user-group --no-create-home "
               f"--home-dir {SANDBOX_HOME} "
               f"sandbox && python3 -m venv {VENV} && {PYTHON} -m pip install --quiet "
               f"--no-index --find-links /tmp/wheels {' '.join(TOOLS)} && rm -rf /tmp/wheels",
               {LABEL: "image"})
    say(f"Built the sandbox image {tag}.")
    return tag


def image_exists(client: Any, tag: str) -> bool:
    import docker.errors

    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        return False
    return True


def dockerfile_image(client: Any, root: Path, dockerfile: str, say: Say) -> str:
    """The image the project's own Dockerfile (a path relative to ``root``) builds, with
    ``root`` as the build context, no network and nothing pulled: its ``FROM`` images must be
    on this machine (the sandbox image, for one). Built every run; Docker's layer cache makes
    an unchanged build quick and a changed file it copies rebuild."""
    import docker.errors

    path = root / dockerfile
    if not path.is_file():
        raise SandboxError(f"no Dockerfile at {path}", "fix sandbox_dockerfile in "
                           "[tool.homeostasis]")
    stages = set()
    for match in re.finditer(r"(?im)^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?",
                             path.read_text(encoding="utf-8", errors="replace")):
        base, stage = match.group(1), match.group(2)
        if base.lower() != "scratch" and base not in stages and not image_exists(client, base):
            raise SandboxError(f"{dockerfile} starts FROM {base}, which is not on this machine",
                               "nothing is pulled: load or build it first, or start FROM the "
                               "sandbox image")
        if stage:
            stages.add(stage)
    digest = hashlib.sha256(f"{root.resolve()}:{dockerfile}".encode()).hexdigest()[:12]
    tag = f"{REPOSITORY}-dockerfile:{digest}"
    say(f"Building the project's sandbox image from {dockerfile}…")
    try:
        client.images.build(path=str(root), dockerfile=dockerfile, tag=tag, pull=False,
                            rm=True, forcerm=True, network_mode="none",
                            labels={LABEL: "dockerfile"})
    except (docker.errors.BuildError, docker.errors.APIError) as exc:
        raise SandboxError(f"building {dockerfile} failed: {str(exc).splitlines()[0][:200]}",
                           "the build runs with no network and pulls nothing") from None
    return tag


#: Lock files whose ``[[package]]`` tables pin every dependency (uv, Poetry, PDM).
LOCK_FILES = ("uv.lock", "poetry.lock", "pdm.lock")


def locked_requirements(root: Path) -> tuple[list[str], str]:
    """``name==version`` for every package a lock file of the project pins (not the project
    itself: uv lists it with an editable or virtual source), and the lock's text."""
    for name in LOCK_FILES:
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            packages = tomllib.loads(text).get("package", [])
        except tomllib.TOMLDecodeError:
            return [], text
        pins = [f"{p['name']}=={p['version']}" for p in packages
                if isinstance(p, dict) and "name" in p and "version" in p
                and not {"editable", "virtual"} & set(p.get("source") or {})]
        return pins, text
    return [], ""


def project_requirements(root: Path) -> tuple[list[str], str]:
    """The project's declared dependencies (requirement files, ``[project]`` of
    pyproject.toml, and the pins of its lock file) and a hash of what declared them."""
    lines: list[str] = []
    digest = hashlib.sha256()
    for name in REQUIREMENT_FILES:
        path = root / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            digest.update(name.encode() + b"\0" + text.encode())
            lines += [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            project = {}
        declared = list(project.get("dependencies", []))
        for group in ("test", "tests", "dev"):
            declared += list(project.get("optional-dependencies", {}).get(group, []))
        digest.update(repr(declared).encode())
        lines += declared
    pins, lock = locked_requirements(root)
    digest.update(lock.encode())
    lines += pins
    wanted = [ln for ln in lines if ln and not ln.startswith(("-", "."))]
    return wanted, digest.hexdigest()[:12]


def project_image(client: Any, base: str, root: Path, say: Say) -> str:
    """``base`` with the project's dependencies installed (built once per set of them)."""
    wanted, digest = project_requirements(root)
    if not wanted:
        return base
    base_id = client.images.get(base).id.split(":")[-1][:12]  # the image, not its name
    tag = f"{REPOSITORY}-project:{digest}-{base_id}"
    if image_exists(client, tag):
        return tag
    say(f"Installing the project's {len(wanted)} dependencies into a sandbox layer…")
    with tempfile.TemporaryDirectory(prefix="homeostasis-deps-") as tmp:
        wheels = Path(tmp) / "wheels"
        wheels.mkdir()
        _download_wheels(wanted, wheels, "the project's dependencies")
        # A direct reference (``name @ url``) was fetched on the host: install it by name.
        named = [req.split("@", 1)[0].strip() if " @ " in req else req for req in wanted]
        (wheels / "requirements.txt").write_text("\n".join(named) + "\n", encoding="utf-8")
        _layer(client, base, tag, wheels,
               f"{PYTHON} -m pip install --quiet --no-index --find-links /tmp/wheels "
               f"-r /tmp/wheels/requirements.txt && rm -rf /tmp/wheels",
               {LABEL: "project"})
    return tag


def run_image(client: Any, image: str | None, project: Path | None, dockerfile: str | None,
              say: Say) -> str:
    """The image a sandbox runs: the one ``project``'s ``dockerfile`` builds, else ``image``
    or the built sandbox image, with ``project``'s dependencies layered on when given."""
    if dockerfile and project is not None:
        return dockerfile_image(client, project, dockerfile, say)
    tag = image or default_tag()
    if not image_exists(client, tag):
        hint = ("build it with `homeostasis sandbox build`" if image is None else
                "build or load it, or remove sandbox_image from [tool.homeostasis]")
        raise SandboxError(f"the sandbox image {tag} is not on this machine", hint)
    return project_image(client, tag, project, say) if project is not None else tag
