// Starting and stopping tauri-driver (and the WebKitWebDriver and app it starts) for the
// end-to-end tests and the app benchmark.
//
// tauri-driver runs in a process group of its own, and stopping it ends the whole group:
// a WebKitWebDriver or app left behind would keep the test runner's output pipe open, and
// the run would never end. Its output is forwarded through pipes that are closed on stop
// for the same reason.
import { spawn } from "node:child_process";

/** Starts tauri-driver on `port` (WebKitWebDriver on `nativePort`) and waits until it
 * answers. `env` is added to this process's environment. Output goes to stderr unless
 * `quiet`. */
export async function startDriver({ port, nativePort, env = {}, quiet = false }) {
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", quiet ? "ignore" : "pipe", quiet ? "ignore" : "pipe"],
    env: { ...process.env, ...env },
    detached: true,
  });
  if (!quiet) {
    child.stdout.on("data", (d) => process.stderr.write(d));
    child.stderr.on("data", (d) => process.stderr.write(d));
  }
  let exited = false;
  child.on("exit", () => (exited = true));
  for (let i = 0; i < 200; i++) {
    if (exited) throw new Error(`tauri-driver exited at start (code ${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopDriver(child);
  throw new Error(`tauri-driver did not answer on port ${port} within 10 s`);
}

/** Ends tauri-driver and everything it started: SIGTERM to the group, SIGKILL to what is
 * left after two seconds. */
export async function stopDriver(child) {
  if (!child) return;
  child.stdout?.destroy();
  child.stderr?.destroy();
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signalGroup("SIGTERM")) return;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!signalGroup(0)) return;
  }
  signalGroup("SIGKILL");
}
