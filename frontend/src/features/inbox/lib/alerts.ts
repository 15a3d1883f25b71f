// The opt-in alert when a chat needs a person: a browser notification and a short tone.
// Off until the member turns it on; the browser's permission is asked only then, from
// the click, never on page load. The choice is kept per browser in localStorage.

const STORAGE_KEY = "kremna.inbox.alerts";

type Listener = () => void;
const listeners = new Set<Listener>();

export function alertsEnabled(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

function store(on: boolean) {
  try {
    if (on) window.localStorage.setItem(STORAGE_KEY, "on");
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  listeners.forEach((l) => l());
}

export function subscribeAlerts(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Whether this browser can show notifications at all, and what it was told. */
export function notificationPermission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/**
 * Turns alerts on (asking for permission if the browser has not been asked) or off.
 * Resolves to whether they are on. A refused permission still keeps the sound.
 */
export async function setAlerts(on: boolean): Promise<boolean> {
  if (on && typeof Notification !== "undefined" && Notification.permission === "default") {
    try {
      await Notification.requestPermission();
    } catch {
      // Older browsers' callback form or a blocked prompt: the sound still plays.
    }
  }
  store(on);
  return on;
}

/** A soft two-note tone made on the spot (no audio file to fetch). */
function chime() {
  const Context = window.AudioContext as typeof AudioContext | undefined;
  if (!Context) return;
  try {
    const ctx = new Context();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.5);
    [660, 880].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.15);
      osc.stop(ctx.currentTime + 0.5);
    });
    window.setTimeout(() => void ctx.close(), 800);
  } catch {
    // Audio blocked until the page was interacted with: the notification is enough.
  }
}

/** A chat needs a person: notify (if allowed) and chime, when the member opted in. */
export function alertNeedsHuman({ title, body, url }: { title: string; body: string; url: string }) {
  if (!alertsEnabled()) return;
  chime();
  if (notificationPermission() !== "granted") return;
  try {
    const notification = new Notification(title, { body, tag: url });
    notification.onclick = () => {
      window.focus();
      window.location.assign(url);
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}
