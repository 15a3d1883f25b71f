/**
 * The panel's fixed elements (header, status lines, conversation, composer), built once with
 * createElement and the visitor's language. What changes is drawn by panel.ts.
 */
import type { PanelText } from "./i18n/types";
import { ICON_CLOSE, ICON_NEW, ICON_SEND, PANEL_CSS } from "./panel-css";

export type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string) => HTMLElementTagNameMap[K];

export function maker(doc: Document): Make {
  return (tag, cls) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };
}

/** A button with a constant SVG icon and an accessible name (also its tooltip). */
function iconButton(el: Make, cls: string, name: string, icon: string): HTMLButtonElement {
  const b = el("button", `icon ${cls}`);
  b.type = "button";
  b.setAttribute("aria-label", name);
  b.title = name;
  // eslint-disable-next-line no-restricted-properties
  b.innerHTML = icon; // constant markup
  return b;
}

function textButton(el: Make, cls: string, text: string): HTMLButtonElement {
  const b = el("button", cls);
  b.type = "button";
  b.textContent = text;
  return b;
}

/** `inline`: part of the page (the dashboard's preview), so a named region rather than a dialog. */
export function buildPanel(el: Make, t: PanelText, inline: boolean) {
  const style = el("style");
  style.textContent = PANEL_CSS;

  const panel = el("div", "panel");
  panel.setAttribute("role", inline ? "region" : "dialog");
  panel.hidden = true;

  const header = el("div", "header");
  const title = el("h2", "title");
  const newBtn = iconButton(el, "new", t.newChat, ICON_NEW);
  const closeBtn = iconButton(el, "close", t.close, ICON_CLOSE);
  header.append(title, newBtn, closeBtn);

  const banner = el("div", "banner");
  banner.setAttribute("role", "status");
  banner.hidden = true;

  const log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", t.log);

  const typing = el("div", "typing");
  typing.setAttribute("role", "status");
  typing.hidden = true;
  const typingText = el("span", "sr");
  const dots = el("span", "dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("i"), el("i"), el("i"));
  typing.append(typingText, dots);

  // "Start a new conversation?", in place of the composer
  const confirm = el("div", "confirm");
  confirm.setAttribute("role", "group");
  confirm.hidden = true;
  const question = el("p");
  question.id = "kremna-confirm";
  question.textContent = t.confirmNew;
  confirm.setAttribute("aria-labelledby", question.id);
  const yesBtn = textButton(el, "yes", t.confirmYes);
  const noBtn = textButton(el, "no", t.confirmNo);
  confirm.append(question, yesBtn, noBtn);

  const form = el("form", "composer");
  const label = el("label", "sr");
  label.htmlFor = "kremna-input";
  label.textContent = t.label;
  const input = el("textarea");
  input.id = "kremna-input";
  input.rows = 1;
  input.placeholder = t.placeholder;
  input.setAttribute("aria-describedby", "kremna-counter");
  const sendBtn = el("button", "icon send");
  sendBtn.type = "submit";
  sendBtn.setAttribute("aria-label", t.send);
  // eslint-disable-next-line no-restricted-properties
  sendBtn.innerHTML = ICON_SEND; // constant markup
  form.append(label, input, sendBtn);

  const counter = el("div", "counter");
  counter.id = "kremna-counter";
  counter.hidden = true;

  // the typing indicator scrolls with the conversation, right under its last message
  const scroller = el("div", "scroll");
  scroller.append(log, typing);

  // Human handoff: who answers now, "Talk to a person", and the e-mail field offered while
  // nobody is online.
  const hand = el("div", "hand");
  const handText = el("p");
  handText.setAttribute("role", "status");
  const handErr = el("p", "err");
  handErr.setAttribute("role", "alert");
  const askBtn = textButton(el, "ask", t.askHuman);
  const mailForm = el("form", "mail");
  const mailLabel = el("label");
  mailLabel.htmlFor = "kremna-email";
  mailLabel.textContent = t.emailLabel;
  const mailInput = el("input");
  mailInput.id = "kremna-email";
  mailInput.type = "email";
  mailInput.autocomplete = "email";
  mailInput.required = true;
  const mailBtn = el("button");
  mailBtn.textContent = t.send;
  mailForm.append(mailLabel, mailInput, mailBtn);
  hand.append(handText, handErr, askBtn, mailForm);

  panel.append(header, banner, scroller, hand, confirm, form, counter);
  return { style, panel, title, newBtn, closeBtn, banner, log, scroller, typing, typingText, hand, handText, handErr, askBtn, mailForm, mailInput, confirm, yesBtn, noBtn, form, input, sendBtn, counter };
}
