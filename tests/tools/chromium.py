"""chromium.py: drives headless Chromium over the DevTools protocol, with
nothing but the Python standard library.

The browser is started with --remote-debugging-pipe: it reads commands on
file descriptor 3 and writes answers and events on 4, each a JSON text
ended by a NUL byte. No port is opened and no websocket is needed. It is
also started with every switch that keeps it from reaching the network on
its own (updates, sync, field trials), a fresh profile folder, and no
sandbox (the tests run as root, where the sandbox cannot start).

    with Chromium() as b:
        page = b.open_page(width=1280, height=900)
        page.navigate("file:///.../report.html")
        page.eval("document.title")
        page.screenshot("overview.png")
        page.requests, page.errors   # what the page asked for, what broke

A page records every request it sends (Network.requestWillBeSent) and every
console error, uncaught exception and browser log entry of level error.

Waiting: nothing here measures time. Each wait is for a message from the
browser; GUARD_SECONDS only ends a wait that would otherwise hang forever
(a browser that died or never answers), and says so.
"""

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile

GUARD_SECONDS = 300

# What keeps Chromium quiet and local: no GPU, no QUIC, no first-run
# pages, no background fetches, no component updates, no sync.
SWITCHES = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
]


class BrowserError(Exception):
    pass


def find_chromium():
    """The Chromium program, or None."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    def __init__(self, program=None):
        self.program = program or find_chromium()
        if not self.program:
            raise BrowserError("Chromium is not installed (Debian package 'chromium', "
                               "installed by scripts/deps.sh)")
        self.profile = tempfile.mkdtemp(prefix="indeks-chromium-")
        self.log = open(os.path.join(self.profile, "stderr.log"), "wb")
        cmd_read, self.cmd_write = os.pipe()
        self.ans_read, ans_write = os.pipe()

        def child_pipes():
            # Move both ends above 3 and 4 first, so that placing one cannot
            # close the other.
            a = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(ans_write, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [self.program] + SWITCHES + ["--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            close_fds=False, preexec_fn=child_pipes)
        os.close(cmd_read)
        os.close(ans_write)
        self.buf = b""
        self.next_id = 0
        self.pending = []  # events read while waiting for an answer
        self.pages = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.call("Browser.close")
        except BrowserError:
            pass
        try:
            self.proc.wait(timeout=GUARD_SECONDS)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.cmd_write, self.ans_read):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def stderr_tail(self):
        try:
            with open(os.path.join(self.profile, "stderr.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    # ------------------------------------------------------------ messages

    def _read_message(self):
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.ans_read], [], [], GUARD_SECONDS)
            if not ready:
                raise BrowserError("no message from Chromium in %d s: it hangs" % GUARD_SECONDS)
            chunk = os.read(self.ans_read, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed its pipe (it died?): " + self.stderr_tail())
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw.decode("utf-8"))

    def _dispatch(self, msg):
        page = self.pages.get(msg.get("sessionId"))
        if page is not None:
            page._event(msg["method"], msg.get("params", {}))
        else:
            self.pending.append(msg)

    def send(self, method, params=None, channel=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if channel:
            msg["sessionId"] = channel
        data = json.dumps(msg).encode("utf-8") + b"\0"
        while data:
            n = os.write(self.cmd_write, data)
            data = data[n:]
        return self.next_id

    def call(self, method, params=None, channel=None):
        """Sends a command and returns its result; events read meanwhile go
        to their page."""
        want = self.send(method, params, channel)
        while True:
            msg = self._read_message()
            if msg.get("id") == want:
                if "error" in msg:
                    raise BrowserError("%s: %s" % (method, msg["error"].get("message")))
                return msg.get("result", {})
            if "method" in msg:
                self._dispatch(msg)

    def wait_event(self, page, method):
        """Reads messages until page has received the event method."""
        while method not in page.seen:
            msg = self._read_message()
            if "method" in msg:
                self._dispatch(msg)

    def open_page(self, width, height, mobile=False):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        # Commands to the page carry the id the browser gave the
        # attachment ("sessionId" in the protocol).
        channel = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, channel)
        self.pages[channel] = page
        for domain in ("Page", "Runtime", "Network", "Log"):
            page.call(domain + ".enable")
        page.resize(width, height, mobile)
        return page


class Page:
    def __init__(self, browser, channel):
        self.browser = browser
        self.channel = channel
        self.requests = []  # URLs, in the order the page asked for them
        self.errors = []    # console errors, exceptions, error log entries
        self.seen = set()

    def call(self, method, params=None):
        return self.browser.call(method, params, self.channel)

    def _event(self, method, params):
        self.seen.add(method)
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.errors.append("console." + params["type"] + ": " + text)
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.errors.append("exception: " + d.get("text", "") + " " +
                               str(d.get("exception", {}).get("description", "")))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append("log: " + params["entry"].get("text", "") + " " +
                               params["entry"].get("url", ""))

    def resize(self, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def navigate(self, url):
        """Loads url and returns once its load event fired."""
        self.seen.discard("Page.loadEventFired")
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError("cannot load %s: %s" % (url, result["errorText"]))
        self.browser.wait_event(self, "Page.loadEventFired")

    def eval(self, expression):
        """The value of a JavaScript expression (JSON-like values only)."""
        r = self.call("Runtime.evaluate",
                      {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError("script failed: %s %s" % (
                d.get("text", ""), d.get("exception", {}).get("description", "")))
        return r["result"].get("value")

    def type_text(self, text):
        """Types text into the element that has the focus, key by key, as a
        person would (each key fires the page's input events)."""
        for ch in text:
            self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "key": ch,
                                                 "unmodifiedText": ch})
            self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})

    def media(self, media):
        self.call("Emulation.setEmulatedMedia", {"media": media})

    def screenshot(self, path, top=None, bottom=None):
        """The window as shown, or the whole width of the page from the
        top of one element to the bottom of another (CSS selectors)."""
        params = {"format": "png"}
        if bottom:
            box = self.eval("""(() => {
                const y = s => s ? document.querySelector(s).getBoundingClientRect() : null;
                const t = y(%s), b = y(%s);
                return [t ? t.top + scrollY : 0, b.bottom + scrollY,
                        document.documentElement.clientWidth]; })()""" % (
                json.dumps(top), json.dumps(bottom)))
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": box[0], "width": box[2],
                              "height": box[1] - box[0] + 8, "scale": 1}
        data = base64.b64decode(self.call("Page.captureScreenshot", params)["data"])
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise BrowserError("the screenshot is not a PNG")
        with open(path, "wb") as f:
            f.write(data)
        return len(data)

    def pdf(self):
        return base64.b64decode(self.call("Page.printToPDF", {"printBackground": True})["data"])
