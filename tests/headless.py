"""Headless Chromium driven over the DevTools protocol (a pipe: no port, no extra package), for tests that
must wait for a page's fonts before they look at it: `--screenshot` with a virtual time budget does not
wait for web fonts and catches the text before the font is drawn, or not at all."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any


def fontconfig(work: Path, font_dirs: list[Path]) -> Path:
    """A fontconfig file that knows only the fonts of `font_dirs` (none of the system's)."""
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"{dirs}<cachedir>{work / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


class Browser:
    """One headless Chromium (`with Browser(fonts) as b: b.open(url); b.evaluate(js); b.screenshot()`)
    that sees only the fonts in `font_dirs`."""

    def __init__(self, font_dirs: list[Path], width: int = 1200, height: int = 1000) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="chromium-"))
        env = {"FONTCONFIG_FILE": str(fontconfig(self.work, font_dirs)), "HOME": str(self.work), "PATH": "/usr/bin:/bin"}
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def pipes() -> None:  # the protocol's pipe: the browser reads fd 3 and writes fd 4
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", f"--user-data-dir={self.work / 'profile'}", "--remote-debugging-pipe",
                f"--window-size={width},{height}", "about:blank",
            ],
            env=env, pass_fds=(3, 4), preexec_fn=pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._out = os.fdopen(self._commands, "wb")
        self._in = os.fdopen(self._replies, "rb")
        self._buffer, self._id, self.session = b"", 0, None

    def send(self, method: str, params: dict[str, Any] | None = None, session: bool = True) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self._out.write(json.dumps(message).encode() + b"\0")
        self._out.flush()
        while True:
            while b"\0" not in self._buffer:
                chunk = self._in.read1(1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the protocol pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]

    def open(self, url: str) -> None:
        """Load `url` in a new tab and wait until it and its fonts are loaded (and its scripts had 1 s)."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        self.evaluate(
            "new Promise(done => { const ready = () => document.fonts.ready.then(() => setTimeout(done, 1000));"
            " if (document.readyState === 'complete') ready(); else addEventListener('load', ready); })"
        )

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"]))
        return path

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.send("Browser.close", session=False)
            self.process.wait(timeout=30)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)
