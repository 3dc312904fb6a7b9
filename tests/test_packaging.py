"""An installed wheel carries templates/ and static/ and serves them from outside the checkout."""

import os
import site
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVE = textwrap.dedent(
    """
    import sys, threading, urllib.request
    import walkapp
    from werkzeug.serving import make_server

    app = walkapp.create_app()
    server = make_server("127.0.0.1", 0, app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    page = urllib.request.urlopen(base + "/join").read().decode()
    with app.test_request_context():
        from flask import url_for
        static = url_for("static", filename="css/walkapp.css")
    css = urllib.request.urlopen(base + static).read()
    server.shutdown()
    print(walkapp.__file__)
    print(app.template_folder)
    print("page", "walkapp" in page and "<form" in page)
    print("static", len(css) > 1000)
    """
)


def test_the_installed_wheel_serves_its_pages_and_static_files_outside_the_checkout(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path, ROOT],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("walkapp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "walkapp/templates/base.html" in names
    assert "walkapp/static/css/walkapp.css" in names
    assert "walkapp/translations/sv/LC_MESSAGES/messages.mo" in names

    # A fresh virtualenv outside the checkout; its dependencies are borrowed from the test
    # environment's site-packages by a .pth line, which (unlike the site folder itself) does not
    # run that folder's .pth files, so the editable install of the checkout stays out of sight.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    packages = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (packages / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            packages,
            wheel,
        ],
        check=True,
    )
    instance = tmp_path / "instance"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "WALKAPP_INSTANCE_PATH": str(instance),
        "WALKAPP_SECRET_KEY": "x" * 48,
        "WALKAPP_DATABASE_URL": f"sqlite:///{tmp_path / 'walkapp.db'}",
        "WALKAPP_PHOTO_DETECTION": "off",
    }
    subprocess.run(
        [python, "-m", "flask", "--app", "walkapp", "init-db"], check=True, cwd=tmp_path, env=env
    )
    served = subprocess.run(
        [python, "-c", SERVE], check=True, cwd=tmp_path, env=env, capture_output=True, text=True
    ).stdout.splitlines()
    module, templates, page, static = served[-4:]
    assert module.startswith(str(packages)), module  # the wheel's copy, not the checkout
    assert templates == str(packages / "walkapp" / "templates")
    assert page == "page True"
    assert static == "static True"
