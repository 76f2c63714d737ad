import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

/** In a plain browser during development, a stand-in engine answers (never in a build). */
async function backend(): Promise<void> {
  if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
    const { installDemoBackend } = await import("./demo/backend");
    installDemoBackend();
  }
}

void backend().then(() => mount(App, { target }));
