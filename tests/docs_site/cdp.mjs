// cdp.mjs - drives Debian's headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on the browser's fd 3, replies and events on its fd 4, each
// a JSON message ended by NUL). No npm package: Node's child_process is all it takes, so the
// browser under test is exactly the system's chromium.
import { spawn } from "node:child_process";

export async function launch(binary, userDataDir) {
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--user-data-dir=" + userDataDir, "about:blank",
  ];
  const proc = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  proc.stdio[2].on("data", (d) => { stderr += d; if (stderr.length > 20000) stderr = stderr.slice(-10000); });
  const out = proc.stdio[3], inp = proc.stdio[4];
  let nextId = 1, buf = Buffer.alloc(0);
  const pending = new Map();
  const listeners = [];
  inp.on("data", (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    let z;
    while ((z = buf.indexOf(0)) >= 0) {
      const msg = JSON.parse(buf.subarray(0, z).toString("utf8"));
      buf = buf.subarray(z + 1);
      if (msg.id && pending.has(msg.id)) {
        const { resolve, reject, method } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(new Error(method + ": " + msg.error.message));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of listeners.slice()) l(msg);
      }
    }
  });
  const exited = new Promise((r) => proc.on("exit", r));
  function send(method, params = {}, sessionId) {
    const id = nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    out.write(JSON.stringify(msg) + "\0");
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      setTimeout(() => { if (pending.has(id)) { pending.delete(id); reject(new Error(method + ": timed out")); } }, 30000);
    });
  }
  function on(fn) { listeners.push(fn); }
  function waitFor(pred, ms = 20000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { remove(); reject(new Error("timed out waiting for an event")); }, ms);
      const fn = (m) => { if (pred(m)) { clearTimeout(t); remove(); resolve(m); } };
      const remove = () => { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); };
      listeners.push(fn);
    });
  }
  async function close() {
    try { await send("Browser.close"); } catch { proc.kill("SIGKILL"); }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
  }
  return { send, on, waitFor, close, stderr: () => stderr };
}

// A page (tab) with its session: navigate, evaluate, type, screenshot.
export async function newPage(browser) {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => browser.send(method, params, sessionId);
  const requests = [], dialogs = [], exceptions = [];
  browser.on((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === "Network.requestWillBeSent") requests.push(m.params.request.url);
    if (m.method === "Page.javascriptDialogOpening") {
      dialogs.push(m.params.message);
      s("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
    }
    if (m.method === "Runtime.exceptionThrown") exceptions.push(m.params.exceptionDetails.text);
  });
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Network.enable");
  return {
    requests, dialogs, exceptions,
    send: s,
    async goto(url) {
      const loaded = browser.waitFor((m) => m.sessionId === sessionId && m.method === "Page.loadEventFired");
      const r = await s("Page.navigate", { url });
      if (r.errorText) throw new Error("navigate " + url + ": " + r.errorText);
      await loaded;
    },
    async eval(expression) {
      const r = await s("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) throw new Error("evaluate: " + (r.exceptionDetails.exception?.description || r.exceptionDetails.text));
      return r.result.value;
    },
    async key(key, code, text, keyCode) {
      await s("Input.dispatchKeyEvent", { type: "keyDown", key, code, text, windowsVirtualKeyCode: keyCode });
      await s("Input.dispatchKeyEvent", { type: "keyUp", key, code, windowsVirtualKeyCode: keyCode });
    },
    async type(text) {
      for (const ch of text) await this.key(ch, "", ch, ch.toUpperCase().charCodeAt(0));
    },
    async viewport(width, height, mobile) {
      await s("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile });
    },
    async screenshot() {
      const r = await s("Page.captureScreenshot", { format: "png" });
      return Buffer.from(r.data, "base64");
    },
  };
}
