// The status page: polls /status once a second and redraws. Everything from the gateway is put in
// as text (textContent), never as markup, and only http(s) links become anchors.
"use strict";

const POLL_MS = 1000;
const HISTORY = 120;
const csrf = document.querySelector('meta[name="quetzal-csrf"]').content;
const history = [];
let previous = null;
let openPromptId = null;

function el(id) { return document.getElementById(id); }

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
}

function fillTable(id, rows) {
  const body = el(id).querySelector("tbody");
  body.replaceChildren();
  for (const values of rows) {
    const tr = document.createElement("tr");
    values.forEach(v => cell(tr, v));
    body.appendChild(tr);
  }
}

function safeLink(text) {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

function metric(status, name, labels) {
  let sum = 0;
  for (const s of status.metrics || []) {
    if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) {
      sum += s.value;
    }
  }
  return sum;
}

function human(n, unit) {
  const steps = ["", "k", "M", "G"];
  let i = 0;
  while (n >= 1000 && i < steps.length - 1) { n /= 1000; i++; }
  return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + " " + steps[i] + unit;
}

function renderUplink(status) {
  const uplink = status.uplink;
  const badge = el("uplink-state");
  badge.textContent = uplink.state;
  badge.className = "state " + uplink.state;
  el("version").textContent = "version " + status.version + " · up " + status.uptimeSeconds + " s";
  const dl = el("uplink");
  dl.replaceChildren();
  const add = (k, v) => {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) { return; }
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = Array.isArray(v) ? v.join(", ") : String(v);
    dl.append(dt, dd);
  };
  add("state", uplink.state);
  add("detail", uplink.detail);
  add("addresses", uplink.addresses);
  add("DNS servers", uplink.dnsServers);
  add("DNS suffixes", uplink.dnsSuffixes);
  add("MTU", uplink.mtu);
  for (const c of status.components || []) {
    if (c.kind === "backend") {
      add("backend", c.name + " (" + c.type + ")");
      if (c.status && c.status.state) { add("backend state", c.status.state); }
    }
  }
}

function renderSignIn(status) {
  const uplink = status.uplink;
  const prompt = status.prompt;
  const waiting = uplink.state === "awaiting-user" || prompt;
  el("sign-in").hidden = !waiting;
  if (!waiting) { return; }
  el("sign-in-prompt").textContent = uplink.state === "awaiting-user" ? uplink.detail : "";
  const link = uplink.link ? safeLink(uplink.link) : null;
  el("sign-in-link-row").hidden = !link;
  if (link) {
    el("sign-in-link").href = link;
    el("sign-in-link").textContent = "Sign in: " + link;
  }
  const form = el("prompt-form");
  form.hidden = !prompt;
  if (prompt && prompt.id !== openPromptId) {
    openPromptId = prompt.id;
    el("prompt-label").textContent = prompt.text + " ";
    el("prompt-answer").value = "";
    el("prompt-result").textContent = "";
  }
  if (!prompt) { openPromptId = null; }
}

function renderTables(status) {
  // Selectors and traffic come from the frontend's own status when it reports its clients (ikev2 does).
  const details = new Map();
  for (const c of status.components || []) {
    for (const client of (c.status && Array.isArray(c.status.clients)) ? c.status.clients : []) {
      details.set(c.name + "/" + client.session, client);
    }
  }
  fillTable("clients", (status.sessions || []).map(s => {
    const detail = details.get(s.frontend + "/" + s.id);
    const children = detail ? detail.childSas : [];
    const selectors = [...new Set(children.flatMap(c => c.localSelectors))].join(", ");
    const sum = key => children.reduce((total, c) => total + c[key], 0);
    const traffic = detail ? human(sum("inboundBytes"), "B") + " / " + human(sum("outboundBytes"), "B")
        + " (" + sum("inboundPackets") + " / " + sum("outboundPackets") + " packets)" : "";
    return [s.identity, s.addresses.join(", "), s.endpoint.replace(/^[^/]*\//, ""), selectors, traffic, s.frontend];
  }));
  const routes = status.routes || { routes: [] };
  fillTable("routes", routes.routes.map(r => [r.prefix, r.kind, r.source]));
  el("route-summary").textContent = (routes.fullTunnel ? "full tunnel" : routes.routes.length + " routes")
      + (routes.dnsDomains && routes.dnsDomains.length ? " · DNS domains: " + routes.dnsDomains.join(", ") : "")
      + (routes.leftOut ? " · left out by the cap: " + routes.leftOut : "");
  const counters = (status.metrics || []).filter(s => s.type === "counter" && s.value !== 0).map(s => {
    const labels = Object.entries(s.labels).map(([k, v]) => k + "=" + v).join(",");
    return [s.name + (labels ? "{" + labels + "}" : ""), String(s.value)];
  });
  fillTable("counters", counters);
}

function renderGraph(status) {
  const now = performance.now();
  const out = metric(status, "quetzal_router_bytes_total", { direction: "outbound" });
  const inb = metric(status, "quetzal_router_bytes_total", { direction: "inbound" });
  if (previous) {
    const seconds = Math.max(0.001, (now - previous.at) / 1000);
    history.push({ out: Math.max(0, (out - previous.out) / seconds), in: Math.max(0, (inb - previous.in) / seconds) });
    if (history.length > HISTORY) { history.shift(); }
  }
  previous = { at: now, out: out, in: inb };
  const last = history[history.length - 1];
  el("rates").textContent = last ? "now: " + human(last.out, "B/s") + " out, " + human(last.in, "B/s") + " in" : "";
  const canvas = el("throughput");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const peak = Math.max(1, ...history.map(h => Math.max(h.out, h.in)));
  g.fillStyle = "#888";
  g.font = "11px sans-serif";
  g.fillText(human(peak, "B/s"), 4, 12);
  const step = canvas.width / (HISTORY - 1);
  const line = (key, color) => {
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((h, i) => {
      const x = canvas.width - (history.length - 1 - i) * step;
      const y = canvas.height - 2 - (h[key] / peak) * (canvas.height - 18);
      if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
    });
    g.stroke();
  };
  line("out", "#2a6fdb");
  line("in", "#d9822b");
}

async function poll() {
  try {
    const response = await fetch("/status", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    const status = await response.json();
    renderUplink(status);
    renderSignIn(status);
    renderTables(status);
    renderGraph(status);
    el("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    el("updated").textContent = "cannot read /status: " + e.message;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

el("prompt-form").addEventListener("submit", async event => {
  event.preventDefault();
  const result = el("prompt-result");
  const body = new URLSearchParams({ id: openPromptId || "", answer: el("prompt-answer").value });
  try {
    const response = await fetch("/prompt", {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-Quetzal-CSRF": csrf } });
    result.textContent = response.status === 204 ? "sent" : "not accepted: " + (await response.text()).trim();
  } catch (e) {
    result.textContent = "not sent: " + e.message;
  }
});

poll();
