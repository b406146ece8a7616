"""Drive headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`: commands on fd 3,
replies on fd 4, each a JSON text ended by a NUL byte) — no network port, nothing but the standard library.

    with Browser(downloads=tmp_path) as browser:
        browser.open(path.as_uri())
        browser.evaluate("document.title")

`Browser(font_dirs=[…])` sees only the fonts of those folders (a machine without a CJK font); `settle()` waits
for a page's web fonts (a `--screenshot` with a virtual time budget does not), `screenshot()` saves a PNG.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: how every test starts Chromium: headless, no network of its own, no first-run or sync machinery
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class BrowserError(RuntimeError):
    pass


def fontconfig(work: Path, font_dirs: list[Path] | None = None) -> Path:
    """A fontconfig file in `work`: the system's fonts and the CJK font of the noto-cjk-sans-otc wheel, or
    only the fonts of `font_dirs` when given."""
    if font_dirs is None:
        from noto_cjk_sans_otc import FONT_PATH

        system, font_dirs = '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>', [Path(str(FONT_PATH)).parent]
    else:
        system = ""
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"{system}{dirs}<cachedir>{work / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


class Browser:
    """One headless Chromium with one page; `evaluate` runs JavaScript in it and returns the value."""

    def __init__(
        self,
        downloads: Path | None = None,
        timeout: float = 60,
        font_dirs: list[Path] | None = None,
        size: tuple[int, int] = (1200, 1000),
    ) -> None:
        self.timeout = timeout
        self.work = Path(tempfile.mkdtemp())
        conf = fontconfig(self.work, font_dirs)
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()

        def fds() -> None:  # in the child: the pipes on the descriptors Chromium reads and writes
            read, write = os.dup(commands_r), os.dup(replies_w)  # (dup2 makes 3 and 4 inheritable)
            os.dup2(read, 3)
            os.dup2(write, 4)
            for fd in (self._commands, self._replies):
                if fd > 4:
                    os.close(fd)  # the parent's ends: Chromium must see the pipe close when the test ends

        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                *FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self.work / 'profile'}",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            close_fds=False,  # descriptors are closed only after preexec_fn, which would take 3 and 4 away
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={"FONTCONFIG_FILE": str(conf), "HOME": str(self.work), "PATH": "/usr/bin:/bin"},
        )
        os.close(commands_r)
        os.close(replies_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []
        self.downloads = downloads or self.work / "downloads"
        self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(self.downloads), eventsEnabled=True)
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.work, ignore_errors=True)

    def send(self, method: str, session: bool = False, **params: Any) -> dict:
        """Send a command and wait for its reply (events that come first are kept in `events`)."""
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._replies, 65536)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(text)

    def wait_for(self, method: str) -> dict:
        """The first event `method` not seen yet (waiting for it)."""
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read())

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def settle(self) -> None:
        """Wait until the page's web fonts are loaded, then give its scripts 1 s."""
        self.evaluate("document.fonts.ready.then(() => new Promise(done => setTimeout(done, 1000)))")

    def screenshot(self, path: Path) -> Path:
        """The page as a PNG at `path`."""
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", session=True, format="png")["data"]))
        return path

    def wait_download(self, name: str) -> Path:
        """The downloaded file `name`, once Chromium has finished writing it."""
        while True:
            event = self.wait_for("Browser.downloadProgress")
            if event["params"].get("state") == "completed":
                path = self.downloads / name
                if path.is_file():
                    return path
            elif event["params"].get("state") == "canceled":
                raise BrowserError(f"download of {name} was canceled")
